package fr.vigie.domain;

/** Level of a facility/device alert as carried by alert events. {@code NONE} is never sent: it is the calm state. */
public enum AlertLevel {
    NONE, WARNING, CRITICAL, RECOVERED;

    public boolean isOpen() {
        return this == WARNING || this == CRITICAL;
    }
}
