package fr.vigie.domain.notice;

/** How a notice record was matched to watch-list entries (spec section 5, {@code matchedBy}). */
public enum MatchedBy {
    UDI_DI("udiDi"),
    SUPPLIER_REF("supplierRef"),
    EMDN("emdn"),
    NONE("none");

    private final String json;

    MatchedBy(String json) {
        this.json = json;
    }

    /** The spec's value. */
    public String json() {
        return json;
    }

    public static MatchedBy fromJson(String value) {
        for (MatchedBy m : values()) {
            if (m.json.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown matchedBy: " + value);
    }
}
