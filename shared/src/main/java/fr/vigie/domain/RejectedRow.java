package fr.vigie.domain;

/**
 * A feed row or report item that was refused: its line (1 = the CSV header; for a JSON report,
 * the item's position from 1), a stable English {@code code} for programs and logs, and a French
 * {@code message} for the hospital staff who will fix their export.
 */
public record RejectedRow(long line, RejectCode code, String message) {

    public enum RejectCode {
        MISSING_COLUMN, INVALID_TIMESTAMP, INVALID_NUMBER, ABSURD_NUMBER, NEGATIVE_VALUE,
        INVALID_DATE, UNKNOWN_DEVICE, EMPTY_FACILITY, INVALID_JSON, FACILITY_NOT_ALLOWED,
        /** More fields than the header names: an unquoted separator inside a value (e.g. {@code 1,700}). */
        TOO_MANY_FIELDS,
        /** A facility or device id outside {@link Identifier#valid} ({@code [A-Z0-9-]{2,40}}). */
        INVALID_IDENTIFIER,
        /** A time too far after the moment the row is received, or too long before it ({@link SnapshotAdmission}). */
        TIMESTAMP_OUT_OF_RANGE,
        /** A facility the registry does not hold, while it holds some. */
        UNKNOWN_FACILITY,
        /** Bytes that are not UTF-8 in the row (a file saved as Windows-1252 or Latin-1): the spec's feed is UTF-8. */
        INVALID_ENCODING,
        /**
         * A quote that opens a field and is never closed, or closed with text glued after it: the line is
         * refused alone and reading goes on at the next line, rather than joining later rows into one field.
         */
        MALFORMED_QUOTES,
        /** A line longer than any feed row can be (a binary file, a lost line end): refused without being held in memory. */
        LINE_TOO_LONG
    }

    @Override
    public String toString() {
        return "ligne " + line + " : " + message + " [" + code + "]";
    }
}
