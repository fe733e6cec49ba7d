package fr.vigie.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One commercial reference of a watched device family. */
public record SupplierReference(String supplier, String ref, String udiDi) {

    /** A UDI-DI (GS1 GTIN-14): 14 digits, the leading zeros kept. */
    private static final Pattern UDI_DI = Pattern.compile("\\d{14}");

    /**
     * The rules of a reference, the same in a notice (spec section 5) and a watch-list entry (section 1),
     * so that the two compare: {@code supplier} and {@code ref} required, {@link PlainText} of at most
     * {@value PlainText#NAME_MAX} characters, {@code udiDi} optional and of 14 digits. Each broken rule names {@code label} and {@code field[j]}, an empty reference once.
     */
    public static List<Violation> violations(String label, String field, List<SupplierReference> refs) {
        List<Violation> v = new ArrayList<>();
        for (int j = 0; j < refs.size(); j++) {
            SupplierReference r = refs.get(j);
            String at = field + "[" + j + "]";
            if (blank(r.supplier()) && blank(r.ref()) && blank(r.udiDi())) {
                v.add(new Violation(label, at, "référence vide : {\"supplier\", \"ref\", \"udiDi\"} attendus, udiDi facultatif"));
                continue;
            }
            // shown beside the device in the console and a notice's email
            PlainText.check(v, label, at + ".supplier", r.supplier(), PlainText.NAME_MAX);
            PlainText.check(v, label, at + ".ref", r.ref(), PlainText.NAME_MAX);
            if (blank(r.supplier())) {
                v.add(new Violation(label, at + ".supplier", "obligatoire"));
            }
            if (blank(r.ref())) {
                v.add(new Violation(label, at + ".ref", "obligatoire"));
            }
            if (r.udiDi() != null && !UDI_DI.matcher(r.udiDi()).matches()) {
                v.add(new Violation(label, at + ".udiDi", "14 chiffres attendus (reçu \"" + Excerpt.of(r.udiDi()) + "\")"
                        + (r.udiDi().matches("\\d{13}") ? " : le zéro initial a-t-il été perdu par un tableur ?" : "")));
            }
        }
        return v;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
