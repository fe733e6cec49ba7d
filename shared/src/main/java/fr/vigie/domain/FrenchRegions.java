package fr.vigie.domain;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The 18 French regions (2016 map) by their INSEE region code ("11" for Île-de-France) and name.
 * A region given by code or by name (accents, case, hyphens and apostrophes ignored) is normalised
 * to its code, which is what the registry stores and what alerts are filtered on.
 */
public final class FrenchRegions {

    private static final Map<String, String> NAME_BY_CODE = new LinkedHashMap<>();
    private static final Map<String, String> CODE_BY_KEY = new LinkedHashMap<>();

    static {
        add("01", "Guadeloupe");
        add("02", "Martinique");
        add("03", "Guyane");
        add("04", "La Réunion", "Réunion");
        add("06", "Mayotte");
        add("11", "Île-de-France");
        add("24", "Centre-Val de Loire");
        add("27", "Bourgogne-Franche-Comté");
        add("28", "Normandie");
        add("32", "Hauts-de-France");
        add("44", "Grand Est");
        add("52", "Pays de la Loire");
        add("53", "Bretagne");
        add("75", "Nouvelle-Aquitaine");
        add("76", "Occitanie");
        add("84", "Auvergne-Rhône-Alpes");
        add("93", "Provence-Alpes-Côte d'Azur", "PACA");
        add("94", "Corse");
    }

    private FrenchRegions() {
    }

    private static void add(String code, String name, String... aliases) {
        NAME_BY_CODE.put(code, name);
        CODE_BY_KEY.put(key(name), code);
        for (String alias : aliases) {
            CODE_BY_KEY.put(key(alias), code);
        }
    }

    /** Code → official name, in code order. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(NAME_BY_CODE);
    }

    /** The INSEE code of a region given by code ("11", "1" is not one) or by name; empty when unknown. */
    public static Optional<String> code(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        String value = codeOrName.strip();
        if (NAME_BY_CODE.containsKey(value)) {
            return Optional.of(value);
        }
        return Optional.ofNullable(CODE_BY_KEY.get(key(value)));
    }

    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAME_BY_CODE.get(code));
    }

    private static String key(String name) {
        String noAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return noAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
