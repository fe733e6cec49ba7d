package fr.vigie.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The French regions, by INSEE code (the code a {@link Facility} carries) and the three-letter
 * abbreviation that facility identifiers such as {@code CHU-IDF-01} use.
 */
public enum Region {
    GUADELOUPE("01", "GUA", "Guadeloupe"),
    MARTINIQUE("02", "MTQ", "Martinique"),
    GUYANE("03", "GUY", "Guyane"),
    LA_REUNION("04", "REU", "La Réunion"),
    MAYOTTE("06", "MAY", "Mayotte"),
    ILE_DE_FRANCE("11", "IDF", "Île-de-France"),
    CENTRE_VAL_DE_LOIRE("24", "CVL", "Centre-Val de Loire"),
    BOURGOGNE_FRANCHE_COMTE("27", "BFC", "Bourgogne-Franche-Comté"),
    NORMANDIE("28", "NOR", "Normandie"),
    HAUTS_DE_FRANCE("32", "HDF", "Hauts-de-France"),
    GRAND_EST("44", "GES", "Grand Est"),
    PAYS_DE_LA_LOIRE("52", "PDL", "Pays de la Loire"),
    BRETAGNE("53", "BRE", "Bretagne"),
    NOUVELLE_AQUITAINE("75", "NAQ", "Nouvelle-Aquitaine"),
    OCCITANIE("76", "OCC", "Occitanie"),
    AUVERGNE_RHONE_ALPES("84", "ARA", "Auvergne-Rhône-Alpes"),
    PROVENCE_ALPES_COTE_D_AZUR("93", "PAC", "Provence-Alpes-Côte d'Azur"),
    CORSE("94", "COR", "Corse");

    /** What reports and tables show for a facility whose region is not known. */
    public static final String UNKNOWN_LABEL = "Région inconnue";

    private final String code;
    private final String abbreviation;
    private final String label;

    Region(String code, String abbreviation, String label) {
        this.code = code;
        this.abbreviation = abbreviation;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Region> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    /**
     * The region given by its INSEE code ("11") or its name, accents, case, hyphens and apostrophes
     * ignored ("ile de france"; "PACA" and "Réunion" too): what operators type, normalised to what the
     * registry stores and alerts are filtered on.
     */
    public static Optional<Region> parse(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        String value = codeOrName.strip();
        Optional<Region> byCode = ofCode(value);
        if (byCode.isPresent()) {
            return byCode;
        }
        String key = key(value);
        return Arrays.stream(values()).filter(r -> key(r.label).equals(key) || r.aliases().contains(key)).findFirst();
    }

    private List<String> aliases() {
        return switch (this) {
            case LA_REUNION -> List.of("reunion");
            case PROVENCE_ALPES_COTE_D_AZUR -> List.of("paca");
            default -> List.of();
        };
    }

    private static String key(String name) {
        String noAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return noAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** The French name of a region code, or {@link #UNKNOWN_LABEL}. */
    public static String labelOf(String code) {
        return ofCode(code).map(Region::label).orElse(UNKNOWN_LABEL);
    }

    /**
     * The region named by a facility identifier that carries its abbreviation as one of its
     * dash-separated parts ({@code CH-BRE-08} is in Bretagne). A feed names facilities only by
     * their identifier: this is how a replay knows their region until the registry says otherwise.
     */
    public static Optional<Region> fromFacilityId(String facilityId) {
        for (String part : facilityId.split("-")) {
            for (Region r : values()) {
                if (r.abbreviation.equals(part)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
