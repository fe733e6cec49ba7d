package fr.vigie.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who receives which alerts, and where: an email address or an E.164 phone number, for one facility
 * (a hospital, or an operator following one facility), for a region (INSEE region code) or for the
 * whole country (operators), optionally only some levels ({@link #SMS_DEFAULT_LEVELS} for an SMS that names none) and epidemics. Operators may also receive
 * the national supply-disruption events; hospitals never do. Plain Java: the SNS filter policy that
 * realises it is {@code fr.vigie.adapter.sns.AlertFilterPolicy}.
 *
 * <p>The endpoint is personal data: {@link #masked()} is what lists and logs show.
 */
public record AlertSubscription(Channel channel, String endpoint, Scope scope, String target,
                                Set<AlertLevel> levels, Set<Epidemic> epidemics, boolean nationalEvents) {

    public enum Channel { EMAIL, SMS }

    public enum Scope { FACILITY, REGION, NATIONAL }

    /** INSEE codes of the 18 regions (since 2016) and their names. */
    public static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("01", "Guadeloupe"), Map.entry("02", "Martinique"), Map.entry("03", "Guyane"),
            Map.entry("04", "La Réunion"), Map.entry("06", "Mayotte"), Map.entry("11", "Île-de-France"),
            Map.entry("24", "Centre-Val de Loire"), Map.entry("27", "Bourgogne-Franche-Comté"),
            Map.entry("28", "Normandie"), Map.entry("32", "Hauts-de-France"), Map.entry("44", "Grand Est"),
            Map.entry("52", "Pays de la Loire"), Map.entry("53", "Bretagne"), Map.entry("75", "Nouvelle-Aquitaine"),
            Map.entry("76", "Occitanie"), Map.entry("84", "Auvergne-Rhône-Alpes"),
            Map.entry("93", "Provence-Alpes-Côte d'Azur"), Map.entry("94", "Corse"));

    /** Levels a subscriber may choose; NONE is never sent. */
    public static final Set<AlertLevel> SENT_LEVELS = Set.of(AlertLevel.WARNING, AlertLevel.CRITICAL, AlertLevel.RECOVERED);

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** National prefixes of the overseas departments (ARCEP plan), whose country codes are +262, +590, +594 and +596. */
    private static final Pattern OVERSEAS = Pattern.compile("0(26[29]|59[046]|639|69[0-47])");
    /** ITU-T E.164: a plus sign, a country code not starting with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    /**
     * The levels an SMS subscription receives when it names none (issue 18): SMS is the real budget line
     * (each cent of per-SMS price is some USD 250 a month at national scale), so by default a phone gets
     * the alerts that call for action now and their all-clear; a subscription that names its levels
     * (WARNING among them) gets those.
     */
    public static final Set<AlertLevel> SMS_DEFAULT_LEVELS = Set.of(AlertLevel.CRITICAL, AlertLevel.RECOVERED);

    public AlertSubscription {
        levels = levels == null || levels.isEmpty() ? (channel == Channel.SMS ? SMS_DEFAULT_LEVELS : Set.of()) : Set.copyOf(levels);
        epidemics = epidemics == null ? Set.of() : Set.copyOf(epidemics);
    }

    /** What is wrong with this subscription, in French, by field; empty when it is valid. */
    public List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        if (channel == null) {
            out.add(new Violation(null, "channel", "obligatoire : \"email\" ou \"sms\""));
        } else if (channel == Channel.EMAIL && !isEmail(endpoint)) {
            out.add(new Violation(null, "endpoint", "adresse électronique invalide (attendu : nom@domaine.fr)"));
        } else if (channel == Channel.SMS && !isE164(endpoint)) {
            out.add(new Violation(null, "endpoint",
                    "numéro de téléphone invalide : format international attendu, par exemple +33612345678 ou 06 12 34 56 78"
                            + (endpoint != null && OVERSEAS.matcher(endpoint.replaceAll("[\\s.()\\-]", "")).lookingAt()
                            ? " ; un numéro d'outre-mer s'écrit avec son indicatif (+262, +590, +594 ou +596)" : "")));
        }
        if (scope == Scope.FACILITY && !Identifier.valid(target)) {
            out.add(new Violation(null, "facilityId", "identifiant d'établissement invalide (2 à 40 caractères A-Z, 0-9, -)"));
        }
        if (scope == Scope.REGION && (target == null || !REGIONS.containsKey(target))) {
            out.add(new Violation(null, "region", "code de région INSEE inconnu (attendu l'un de " + new TreeMap<>(REGIONS).keySet() + ")"));
        }
        if (levels.contains(AlertLevel.NONE)) {
            out.add(new Violation(null, "levels", "niveaux possibles : WARNING, CRITICAL, RECOVERED"));
        }
        if (scope == Scope.FACILITY && nationalEvents) {
            out.add(new Violation(null, "nationalEvents", "les tensions nationales sont réservées aux abonnements régionaux ou nationaux"));
        }
        return out;
    }

    /**
     * The endpoint as people type it, written as SNS needs it: an address in lower case (mailboxes ignore case:
     * {@code Pharmacie@CHU.fr} and {@code pharmacie@chu.fr} are one recipient, not two subscriptions), its domain in
     * ASCII (RFC 3490: {@code hôpital-nord.fr} as {@code xn--hpital-nord-2eb.fr}); a French
     * number in E.164 ({@code 06 12 34 56 78}, {@code 06.12.34.56.78}, {@code 0033 6…} and the common mistake
     * {@code +33 06…} all give {@code +33612345678}). A national number of an overseas department (0262, 0590,
     * 0692…) is left as typed: its country code is not +33, and {@link #violations} asks for the international form.
     */
    public static String normalEndpoint(Channel channel, String endpoint) {
        if (endpoint == null || channel == null) {
            return endpoint;
        }
        String e = endpoint.strip();
        if (channel == Channel.EMAIL) {
            // an accented domain (hôpital-nord.fr) is sent in its ASCII form (xn--hpital-nord-2eb.fr), as mail servers know it
            int at = e.lastIndexOf('@');
            try {
                return (at < 0 ? e : e.substring(0, at + 1) + java.net.IDN.toASCII(e.substring(at + 1))).toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException notADomain) {
                return e.toLowerCase(java.util.Locale.ROOT);
            }
        }
        String n = e.replaceAll("[\\s.()\\-]", "");
        n = n.startsWith("00") ? "+" + n.substring(2) : n;
        if (n.matches("\\+330[1-9][0-9]{8}")) {
            return "+33" + n.substring(4);
        }
        if (n.matches("0[1-9][0-9]{8}") && !OVERSEAS.matcher(n).lookingAt()) {
            return "+33" + n.substring(1);
        }
        return n;
    }

    public static boolean isEmail(String s) {
        return s != null && s.length() <= 254 && s.indexOf('@') <= 64 && EMAIL.matcher(s).matches();
    }

    public static boolean isE164(String s) {
        return s != null && E164.matcher(s).matches();
    }

    /** The endpoint as lists and logs may show it. */
    public String masked() {
        return mask(channel, endpoint);
    }

    /** "jeanne.martin@chu.fr" as "j***@chu.fr", "+33612345678" as "+336******78". */
    public static String mask(Channel channel, String endpoint) {
        if (endpoint == null) {
            return null;
        }
        if (channel == Channel.EMAIL) {
            int at = endpoint.indexOf('@');
            return at <= 0 ? "***" : endpoint.charAt(0) + "***" + endpoint.substring(at);
        }
        return endpoint.length() <= 6 ? "***"
                : endpoint.substring(0, 4) + "*".repeat(endpoint.length() - 6) + endpoint.substring(endpoint.length() - 2);
    }
}
