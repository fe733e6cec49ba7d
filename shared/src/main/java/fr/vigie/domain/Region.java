package fr.vigie.domain;

import java.text.Normalizer;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The French regions, by INSEE code (the code a {@link Facility} carries) and the three-letter
 * abbreviation that facility identifiers such as {@code CHU-IDF-01} use.
 */
public enum Region {
    GUADELOUPE("01", "GUA", "Guadeloupe", "America/Guadeloupe"),
    MARTINIQUE("02", "MTQ", "Martinique", "America/Martinique"),
    GUYANE("03", "GUY", "Guyane", "America/Cayenne"),
    LA_REUNION("04", "REU", "La Réunion", "Indian/Reunion"),
    MAYOTTE("06", "MAY", "Mayotte", "Indian/Mayotte"),
    ILE_DE_FRANCE("11", "IDF", "Île-de-France", "Europe/Paris"),
    CENTRE_VAL_DE_LOIRE("24", "CVL", "Centre-Val de Loire", "Europe/Paris"),
    BOURGOGNE_FRANCHE_COMTE("27", "BFC", "Bourgogne-Franche-Comté", "Europe/Paris"),
    NORMANDIE("28", "NOR", "Normandie", "Europe/Paris"),
    HAUTS_DE_FRANCE("32", "HDF", "Hauts-de-France", "Europe/Paris"),
    GRAND_EST("44", "GES", "Grand Est", "Europe/Paris"),
    PAYS_DE_LA_LOIRE("52", "PDL", "Pays de la Loire", "Europe/Paris"),
    BRETAGNE("53", "BRE", "Bretagne", "Europe/Paris"),
    NOUVELLE_AQUITAINE("75", "NAQ", "Nouvelle-Aquitaine", "Europe/Paris"),
    OCCITANIE("76", "OCC", "Occitanie", "Europe/Paris"),
    AUVERGNE_RHONE_ALPES("84", "ARA", "Auvergne-Rhône-Alpes", "Europe/Paris"),
    PROVENCE_ALPES_COTE_D_AZUR("93", "PAC", "Provence-Alpes-Côte d'Azur", "Europe/Paris"),
    CORSE("94", "COR", "Corse", "Europe/Paris");

    /** What reports and tables show for a facility whose region is not known. */
    public static final String UNKNOWN_LABEL = "Région inconnue";

    /** Metropolitan France's time zone, the default calendar of a facility whose region is not known. */
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final String code;
    private final String abbreviation;
    private final String label;
    private final ZoneId zone;

    Region(String code, String abbreviation, String label, String zone) {
        this.code = code;
        this.abbreviation = abbreviation;
        this.label = label;
        this.zone = ZoneId.of(zone);
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /**
     * The region's civil time zone (IANA id): the calendar its hospitals count days in. Metropolitan
     * regions and Corse are on Europe/Paris; the overseas regions on their own zones.
     */
    public ZoneId zone() {
        return zone;
    }

    /** The time zone of a region code, Europe/Paris when the code is unknown or absent (most facilities). */
    public static ZoneId zoneOf(String code) {
        return code == null ? PARIS : ofCode(code).map(Region::zone).orElse(PARIS);
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
