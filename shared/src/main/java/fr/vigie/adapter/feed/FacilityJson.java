package fr.vigie.adapter.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FacilityContact;
import fr.vigie.domain.FacilityDraft;
import fr.vigie.domain.FacilityValidator;
import fr.vigie.domain.Region;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.Violation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes a registry facility as JSON:
 * <pre>
 * {"facilityId": "CHU-IDF-01", "name": "CHU Paris-Nord", "region": "Île-de-France",
 *  "contact": {"name": "Pharmacie à usage intérieur", "email": "pui@chu.example", "phone": "+33 1 23 45 67 89"},
 *  "source": {"type": "HTTP_JSON", "url": "https://stock.chu.example/vigie", "timeoutMillis": 5000,
 *             "secretRef": "vigie/prod/CHU-IDF-01"}}
 * </pre>
 * Any field whose name says it carries a credential ({@code password}, {@code token}, {@code secret},
 * {@code apiKey}, {@code authorization}, ...) is refused wherever it appears: the registry keeps the
 * reference of a secret, never its value. Rules on values are {@link FacilityValidator}'s.
 */
public final class FacilityJson {

    private static final FacilityValidator VALIDATOR = new FacilityValidator();
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("password", "passwd", "pwd", "token", "accesstoken", "apikey",
            "secret", "secretvalue", "secretstring", "credentials", "credential", "authorization", "bearer", "clientsecret",
            "privatekey", "sourcesecret", "credentialssecret");

    private FacilityJson() {
    }

    /** One facility object: valid, or every violation (structure and values). */
    public static FacilityValidator.Result parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new FacilityValidator.Result(null, List.of(new Violation("(corps)", "-", "un objet JSON décrivant l'établissement est attendu")));
        }
        List<Violation> structure = new ArrayList<>();
        String label = node.hasNonNull("facilityId") ? node.get("facilityId").asText() : "(établissement)";
        credentialFields(node, "", label, structure);
        JsonNode source = node.get("source");
        if (source != null && !source.isNull() && !source.isObject()) {
            structure.add(new Violation(label, "source", "objet attendu (type, url, timeoutMillis, secretRef)"));
        }
        JsonNode contact = node.get("contact");
        if (contact != null && !contact.isNull() && !contact.isObject()) {
            structure.add(new Violation(label, "contact", "objet attendu (name, email, phone)"));
        }
        FacilityValidator.Result values = VALIDATOR.validate(draft(node));
        if (structure.isEmpty()) {
            return values;
        }
        structure.addAll(values.violations());
        return new FacilityValidator.Result(null, List.copyOf(structure));
    }

    static FacilityDraft draft(JsonNode n) {
        JsonNode c = n.path("contact");
        FacilityContact contact = c.isObject() ? new FacilityContact(text(c.get("name")), text(c.get("email")), text(c.get("phone"))) : null;
        JsonNode s = n.get("source");
        FacilityDraft.Source source = s != null && s.isObject()
                ? new FacilityDraft.Source(text(s.get("type")), text(s.get("url")), text(s.get("timeoutMillis")), text(s.get("secretRef")))
                : null;
        return new FacilityDraft(text(n.get("facilityId")), text(n.get("name")), text(n.get("region")), contact, source);
    }

    public static ObjectNode toJson(RegisteredFacility r) {
        Facility f = r.facility();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("facilityId", f.facilityId());
        n.put("name", f.name());
        n.put("region", f.region());
        Region.ofCode(f.region()).ifPresent(region -> n.put("regionName", region.label()));
        FacilityContact c = r.contact();
        if (c != null && !c.isEmpty()) {
            ObjectNode contact = n.putObject("contact");
            putIf(contact, "name", c.name());
            putIf(contact, "email", c.email());
            putIf(contact, "phone", c.phone());
        }
        StockSourceConfig s = f.source();
        if (s != null) {
            ObjectNode source = n.putObject("source");
            source.put("type", s.type());
            source.put("url", s.url());
            source.put("timeoutMillis", s.timeoutMillis());
            putIf(source, "secretRef", s.credentialsSecret());
        }
        return n;
    }

    private static void credentialFields(JsonNode node, String path, String label, List<Violation> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (CREDENTIAL_FIELDS.contains(f.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""))) {
                out.add(new Violation(label, name, "champ refusé : le registre ne garde jamais un secret ni un identifiant de connexion, "
                        + "seulement la référence d'un secret Secrets Manager dans source.secretRef (valeur non enregistrée)"));
            } else if (f.getValue().isObject()) {
                credentialFields(f.getValue(), name, label, out);
            }
        }
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }
}
