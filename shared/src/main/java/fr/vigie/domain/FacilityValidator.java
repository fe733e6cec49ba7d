package fr.vigie.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule of a registry facility, each failure naming the field, in French for the operator.
 * <ul>
 *   <li>{@code facilityId}: 2 to 40 characters of {@code A-Z 0-9 -};</li>
 *   <li>{@code name}: required, {@link PlainText} of at most {@value PlainText#NAME_MAX} characters (as {@code contact.name});</li>
 *   <li>{@code region}: one of the 18 regions, by INSEE code or name, stored as its code;</li>
 *   <li>{@code contact.email}, {@code contact.phone} (optional): plausible address (at most {@value #EMAIL_MAX}
 *       characters) and number;</li>
 *   <li>{@code source} (optional): type {@code HTTP_JSON}; an absolute https URL of at most {@value #URL_MAX}
 *       characters, without invisible characters ({@link PlainText}) (plain http only to the loopback host,
 *       for local runs) without user-info and without credentials in the query;
 *       {@code timeoutMillis} between 100 and 30,000; {@code secretRef} (optional) the <em>name</em>
 *       of a Secrets Manager secret under {@code vigie/<stage>/} or its ARN — never the secret.</li>
 * </ul>
 * Messages never repeat a rejected secret reference: what was sent there may be the secret itself.
 */
public final class FacilityValidator {

    public static final int MIN_TIMEOUT_MILLIS = 100;
    public static final int MAX_TIMEOUT_MILLIS = 30_000;
    /** The longest address mail can carry: a path of 256 octets with its angle brackets (RFC 5321, 4.5.3.1.3). */
    static final int EMAIL_MAX = 254;
    /**
     * The longest source URL: the de-facto limit of URLs on the web (the sitemaps protocol's 2,048), far above a
     * stock export's address; without it a URL of any length was stored, polled and shown in the console.
     */
    static final int URL_MAX = 2_048;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()-]{6,20}");
    /** A secret's name as the poll worker may read it (template.yaml grants vigie/{stage}/*). */
    private static final Pattern SECRET_NAME = Pattern.compile("vigie/[a-z0-9-]{1,12}/[A-Za-z0-9/_+=.@-]{1,400}");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:vigie/[a-z0-9-]{1,12}/[A-Za-z0-9/_+=.@-]{1,400}");
    private static final Set<String> SECRET_QUERY_KEYS = Set.of("token", "access_token", "apikey", "api_key", "key",
            "password", "pwd", "secret", "signature", "sig", "auth", "authorization");

    /** The outcome: the facility, or every violation found. */
    public record Result(RegisteredFacility facility, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public Result validate(FacilityDraft d) {
        String label = d.facilityId() != null && !d.facilityId().isBlank() ? d.facilityId() : "(établissement)";
        List<Violation> v = new ArrayList<>();
        if (d.facilityId() == null || d.facilityId().isBlank()) {
            v.add(new Violation(label, "facilityId", "obligatoire"));
        } else if (!Identifier.valid(d.facilityId())) {
            v.add(new Violation(label, "facilityId", "2 à 40 caractères parmi A-Z, 0-9 et '-' (reçu \"" + Excerpt.of(d.facilityId()) + "\")"));
        }
        if (d.name() == null || d.name().isBlank()) {
            v.add(new Violation(label, "name", "obligatoire"));
        }
        // the name goes into alert texts and the neighbours' list a CRITICAL's email gives
        PlainText.check(v, label, "name", d.name(), PlainText.NAME_MAX);
        String region = null;
        if (d.region() == null || d.region().isBlank()) {
            v.add(new Violation(label, "region", "obligatoire : code INSEE de région (ex. 11) ou nom (ex. Île-de-France)"));
        } else {
            region = Region.parse(d.region()).map(Region::code).orElse(null);
            if (region == null) {
                v.add(new Violation(label, "region", "région inconnue \"" + Excerpt.of(d.region())
                        + "\" : une des 18 régions, par code INSEE (01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94) ou par nom"));
            }
        }
        FacilityContact contact = d.contact() == null ? new FacilityContact(null, null, null) : d.contact();
        PlainText.check(v, label, "contact.name", contact.name(), PlainText.NAME_MAX);
        if (contact.email() != null && contact.email().strip().length() > EMAIL_MAX) {
            v.add(new Violation(label, "contact.email", "trop long : " + contact.email().strip().length() + " caractères, "
                    + EMAIL_MAX + " au plus (une adresse électronique)"));
        } else if (contact.email() != null && !EMAIL.matcher(contact.email().strip()).matches()) {
            v.add(new Violation(label, "contact.email", "adresse électronique invalide"));
        }
        if (contact.phone() != null && !PHONE.matcher(contact.phone().strip()).matches()) {
            v.add(new Violation(label, "contact.phone", "numéro de téléphone invalide (chiffres, espaces, + . - ( ) ; 6 à 20 caractères)"));
        }
        StockSourceConfig source = d.source() == null ? null : source(d.source(), label, v);
        if (!v.isEmpty()) {
            return new Result(null, List.copyOf(v));
        }
        FacilityContact clean = new FacilityContact(blankToNull(contact.name()), blankToNull(contact.email()), blankToNull(contact.phone()));
        return new Result(new RegisteredFacility(new Facility(d.facilityId(), d.name().strip(), region, source), clean), List.of());
    }

    private static StockSourceConfig source(FacilityDraft.Source s, String label, List<Violation> v) {
        int before = v.size();
        String type = s.type() == null ? StockSourceConfig.HTTP_JSON : s.type();
        if (!StockSourceConfig.HTTP_JSON.equals(type)) {
            v.add(new Violation(label, "source.type", "type de source inconnu \"" + Excerpt.of(type) + "\" (seul HTTP_JSON est pris en charge)"));
        }
        checkUrl(s.url(), label, v);
        Integer timeout = null;
        if (s.timeoutMillis() == null) {
            v.add(new Violation(label, "source.timeoutMillis", "obligatoire (millisecondes, " + MIN_TIMEOUT_MILLIS + " à " + MAX_TIMEOUT_MILLIS + ")"));
        } else {
            try {
                timeout = Integer.parseInt(s.timeoutMillis().strip());
                if (timeout < MIN_TIMEOUT_MILLIS || timeout > MAX_TIMEOUT_MILLIS) {
                    v.add(new Violation(label, "source.timeoutMillis", "doit être compris entre " + MIN_TIMEOUT_MILLIS + " et "
                            + MAX_TIMEOUT_MILLIS + " ms (reçu " + timeout + ")"));
                }
            } catch (NumberFormatException e) {
                v.add(new Violation(label, "source.timeoutMillis", "nombre entier de millisecondes attendu (reçu \"" + Excerpt.of(s.timeoutMillis()) + "\")"));
            }
        }
        String secretRef = blankToNull(s.secretRef());
        if (secretRef != null && !SECRET_NAME.matcher(secretRef).matches() && !SECRET_ARN.matcher(secretRef).matches()) {
            // never repeat the value: it may be the secret itself, pasted in the wrong field
            v.add(new Violation(label, "source.secretRef", "doit être le nom d'un secret Secrets Manager \"vigie/<stage>/…\" ou son ARN, "
                    + "jamais le secret lui-même (valeur refusée, non enregistrée)"));
        }
        return v.size() > before ? null : new StockSourceConfig(type, s.url().strip(), timeout, secretRef);
    }

    private static void checkUrl(String url, String label, List<Violation> v) {
        if (url == null || url.isBlank()) {
            v.add(new Violation(label, "source.url", "obligatoire (URL https de la source de stock)"));
            return;
        }
        int before = v.size();
        PlainText.check(v, label, "source.url", url.strip(), URL_MAX);
        if (v.size() > before) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            v.add(new Violation(label, "source.url", "URL invalide"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            v.add(new Violation(label, "source.url", "URL absolue https://hôte/… attendue"));
            return;
        }
        if (uri.getRawUserInfo() != null) {
            v.add(new Violation(label, "source.url", "identifiants interdits dans l'URL : mettez-les dans un secret et donnez sa référence dans source.secretRef"));
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            v.add(new Violation(label, "source.url", "https obligatoire (http n'est admis que vers la machine locale)"));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (SECRET_QUERY_KEYS.contains(name)) {
                    v.add(new Violation(label, "source.url", "paramètre \"" + Excerpt.of(name) + "\" interdit dans l'URL (un secret n'a pas sa place dans le registre) : "
                            + "utilisez source.secretRef"));
                }
            }
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
