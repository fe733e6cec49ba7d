package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;

/**
 * What a document sent to Vigie is, told from its first characters as the UTF-8 decoder read them (a byte that is no
 * UTF-8 read as U+FFFD), so that a parser given the wrong kind refuses the whole document with one message naming
 * what came and what is expected, instead of reading it as rows of garbage (a JSON report dropped where the CSV
 * feed goes was refused for its « missing columns »; a CSV sent as JSON was « syntaxe JSON invalide »).
 */
public enum DocumentKind {
    /** A gzip file: its magic bytes 1F 8B. */
    GZIP,
    /** A zip archive, which is also what an Excel workbook (.xlsx) is: {@code PK\3\4}. */
    ZIP,
    /** Not UTF-8: a UTF-16 file (Excel's « Texte Unicode », with its byte-order mark FF FE) or another encoding. */
    NOT_UTF8,
    /** A JSON document: an object or an array. */
    JSON,
    /** Anything else: text, such as a CSV file, or nothing (each parser names an empty document its own way). */
    TEXT;

    /** What a parser expects, as its refusals name it. */
    public enum Expected {
        CSV("un fichier CSV en UTF-8", "dans le tableur : « Enregistrer sous », format « CSV UTF-8 (délimité par des virgules) »"),
        JSON("un document JSON en UTF-8", "enregistrez-le en UTF-8 depuis l'éditeur");

        private final String what;
        private final String how;

        Expected(String what, String how) {
            this.what = what;
            this.how = how;
        }
    }

    private static final char NOT_UTF8_CHAR = '\uFFFD';
    /** How far a document is looked at: its first line is enough for every kind. */
    private static final int LOOK = 512;

    /** The kind of {@code text}, a whole document or its first line; a leading byte-order mark U+FEFF is read past. */
    public static DocumentKind of(CharSequence text) {
        String start = text == null ? "" : text.subSequence(0, Math.min(text.length(), LOOK)).toString();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1);
        }
        if (start.startsWith("\u001F" + NOT_UTF8_CHAR)) {
            return GZIP;
        }
        if (start.startsWith("PK\u0003\u0004")) {
            return ZIP;
        }
        // a UTF-16 file read as UTF-8 shows a zero byte between letters, its byte-order mark as two U+FFFD
        if (start.indexOf('\0') >= 0 || start.indexOf(NOT_UTF8_CHAR) >= 0) {
            return NOT_UTF8;
        }
        String content = start.strip();
        return content.startsWith("{") || content.startsWith("[") ? JSON : TEXT;
    }

    /**
     * Why a document of this kind is refused where {@code expected} is wanted, in French, with what to do; for
     * {@link #TEXT} where JSON is expected, the document's first characters quoted ({@code start}).
     */
    public String refusal(Expected expected, CharSequence start) {
        String wanted = expected.what + " est attendu";
        return switch (this) {
            case GZIP -> "fichier compressé (gzip) : décompressez-le (gunzip, 7-Zip) ; " + wanted;
            case ZIP -> "archive zip ou classeur Excel (.xlsx) : " + wanted + " (" + expected.how + ")";
            case NOT_UTF8 -> "le fichier n'est pas en UTF-8 (UTF-16 ou autre encodage) : " + wanted + " (" + expected.how + ")";
            case JSON -> "document JSON : " + wanted;
            case TEXT -> "ce n'est pas un document JSON (il commence par « " + firstLine(start) + " ») : " + wanted;
        };
    }

    private static String firstLine(CharSequence text) {
        String line = text.toString().strip().lines().findFirst().orElse("");
        return Excerpt.of(line);
    }
}
