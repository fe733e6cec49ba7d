package fr.vigie.domain;

/** One commercial reference of a watched device family. */
public record SupplierReference(String supplier, String ref, String udiDi) {
}
