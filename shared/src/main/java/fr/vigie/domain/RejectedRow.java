package fr.vigie.domain;

/**
 * A feed row or report item that was refused: its line (1 = the CSV header; for a JSON report,
 * the item's position from 1), a stable English {@code code} for programs and logs, and a French
 * {@code message} for the hospital staff who will fix their export.
 */
public record RejectedRow(long line, RejectCode code, String message) {

    public enum RejectCode {
        MISSING_COLUMN, INVALID_TIMESTAMP, INVALID_NUMBER, ABSURD_NUMBER, NEGATIVE_VALUE,
        INVALID_DATE, UNKNOWN_DEVICE, EMPTY_FACILITY, INVALID_JSON, FACILITY_NOT_ALLOWED
    }

    @Override
    public String toString() {
        return "ligne " + line + " : " + message + " [" + code + "]";
    }
}
