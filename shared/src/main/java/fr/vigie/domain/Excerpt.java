package fr.vigie.domain;

/**
 * A value received, as every refusal quotes it back (HTTP problem bodies, rejected rows, file reports, the
 * console): its first {@value #MAX} characters, then « … » when it is longer, control characters shown as
 * {@code ?}. A refusal names what is wrong; quoting a 5,000-character id whole buried the reason under it
 * and sent it back to whoever typed it, in every answer and report line.
 */
public final class Excerpt {

    /** Characters quoted at most: an identifier's longest ({@link Identifier}, 40) is quoted whole. */
    public static final int MAX = 40;

    private Excerpt() {
    }

    /** {@code value}'s text ({@code "null"} for none), at most {@value #MAX} characters and « … ». */
    public static String of(Object value) {
        String text = String.valueOf(value);
        boolean longer = text.codePointCount(0, text.length()) > MAX;
        String kept = longer ? text.substring(0, text.offsetByCodePoints(0, MAX)) : text;
        String shown = kept.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return longer ? shown + "…" : shown;
    }
}
