package fr.vigie.local;

import fr.vigie.domain.Excerpt;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --name value} options and {@code --flag} switches of one command; unknown or repeated
 * options, and empty or malformed values are refused with a {@link UsageException} naming the option.
 */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Arguments(List<String> args, Set<String> allowed) throws UsageException {
        this(args, allowed, Set.of());
    }

    Arguments(List<String> args, Set<String> allowed, Set<String> allowedFlags) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (allowedFlags.contains(name)) {
                flags.add(name);
                continue;
            }
            if (!allowed.contains(name)) {
                throw new UsageException(name.startsWith("-") ? "option inconnue : " + Excerpt.of(name) : "argument inattendu : " + Excerpt.of(name));
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("l'option " + name + " attend une valeur");
            }
            if (args.get(i + 1).isBlank()) {
                // --db "$DIR" with DIR unset: the database went into the working directory, --alerts "" was « un dossier »
                throw new UsageException("l'option " + name + " a une valeur vide (une variable non définie ?)");
            }
            if (values.put(name, args.get(++i)) != null) {
                throw new UsageException("option répétée : " + name);
            }
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
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

    /** A calendar day {@code AAAA-MM-JJ}, or {@code fallback} when the option is absent. */
    LocalDate date(String name, LocalDate fallback) throws UsageException {
        return parsed(name, fallback, LocalDate::parse, "une date AAAA-MM-JJ existante");
    }

    /** A whole number, or {@code fallback} when the option is absent. */
    long number(String name, long fallback) throws UsageException {
        return parsed(name, fallback, Long::parseLong, "un nombre entier");
    }

    /** The option's value read by {@code parse}; a value it refuses is a usage error saying what {@code expected}. */
    private <T> T parsed(String name, T fallback, Function<String, T> parse, String expected) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v.strip());
        } catch (RuntimeException e) { // DateTimeException, NumberFormatException: the value, not the program, is wrong
            throw new UsageException(name + " attend " + expected + ", pas « " + Excerpt.of(v) + " »");
        }
    }
}
