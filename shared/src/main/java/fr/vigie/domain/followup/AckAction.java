package fr.vigie.domain.followup;

import java.util.Arrays;
import java.util.Optional;

/** What was done about an alert, as a hospital or an operator acknowledges it (issue 22's short list). */
public enum AckAction {
    URGENT_ORDER("commande urgente passée"),
    LOAN_REQUESTED("dépannage demandé"),
    SUBSTITUTE("produit de substitution"),
    OTHER("autre");

    private final String label;

    AckAction(String label) {
        this.label = label;
    }

    /** The French label shown to hospital staff and operators. */
    public String label() {
        return label;
    }

    /** The action named by its API code ({@code URGENT_ORDER}, …), case-sensitive; empty when unknown. */
    public static Optional<AckAction> ofCode(String code) {
        return Arrays.stream(values()).filter(a -> a.name().equals(code)).findFirst();
    }
}
