package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one Jackson set-up for stored state: ISO dates and instants, unknown fields tolerated across versions. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The same set-up for what people and other systems send (HTTP bodies, reports, watch-list and notices files):
     * a key given twice in one object is refused ("Duplicate field 'onHand'") rather than the last one silently kept.
     * Stored state, which Vigie writes itself, is read without the check.
     */
    public static final ObjectMapper INPUT = MAPPER.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private Json() {
    }

    /**
     * A document people or other systems send, read with {@link #INPUT}. A leading byte-order mark (an editor's
     * "UTF-8 with BOM", which Jackson skips in bytes but not in a string) is read past.
     *
     * @return the tree, or null for a text of white space only
     * @throws JsonProcessingException unreadable: {@link #unreadable} says where and why, in French
     */
    public static JsonNode readInput(String text) throws JsonProcessingException {
        return INPUT.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /**
     * Why {@code text}, a document sent to Vigie, is unreadable, for a person: what it is when it is no JSON at all
     * (a CSV, a gzip, UTF-16: {@link DocumentKind}), else the line and column, and what is wrong there.
     */
    public static String unreadable(JsonProcessingException e, String text) {
        DocumentKind kind = DocumentKind.of(text);
        if (kind != DocumentKind.JSON) {
            return kind.refusal(DocumentKind.Expected.JSON, text);
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher twice = DUPLICATE.matcher(original);
        String what = original.contains("end-of-input") ? "fin de fichier inattendue (fichier tronqué ?)"
                : twice.find() ? "champ \"" + Excerpt.of(twice.group(1)) + "\" en double dans un même objet (lequel garder ?)" : "syntaxe JSON invalide";
        return e.getLocation() == null ? "JSON illisible : " + what
                : "JSON illisible ligne " + e.getLocation().getLineNr() + ", colonne " + e.getLocation().getColumnNr() + " : " + what;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
