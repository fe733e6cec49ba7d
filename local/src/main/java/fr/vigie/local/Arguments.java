package fr.vigie.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one command; unknown or repeated options are refused. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    Arguments(List<String> args, Set<String> allowed) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!allowed.contains(name)) {
                throw new UsageException("option inconnue : " + name);
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("l'option " + name + " attend une valeur");
            }
            if (values.put(name, args.get(++i)) != null) {
                throw new UsageException("option répétée : " + name);
            }
        }
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("option obligatoire manquante : " + name);
        }
        return v;
    }

    Path path(String name) throws UsageException {
        return Path.of(required(name));
    }

    Path path(String name, String fallback) {
        return Path.of(values.getOrDefault(name, fallback));
    }

    String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
