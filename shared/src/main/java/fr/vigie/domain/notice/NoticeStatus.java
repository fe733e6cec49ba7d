package fr.vigie.domain.notice;

/**
 * The status of a manufacturer's supply notice (spec section 5), with its ANSM wording in French.
 * {@link #RESOLVED} and {@link #DISCONTINUED} close the notice.
 */
public enum NoticeStatus {
    RISK("risque de rupture"),
    SHORTAGE("rupture"),
    RESOLVED("remise à disposition"),
    DISCONTINUED("arrêt de commercialisation");

    private final String french;

    NoticeStatus(String french) {
        this.french = french;
    }

    /** The agency's French wording, for texts to hospital staff. */
    public String french() {
        return french;
    }

    /** True while supply is at risk: {@link #RISK} or {@link #SHORTAGE}. */
    public boolean atRisk() {
        return this == RISK || this == SHORTAGE;
    }
}
