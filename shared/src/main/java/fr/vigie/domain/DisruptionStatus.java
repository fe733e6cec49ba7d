package fr.vigie.domain;

public enum DisruptionStatus {
    OPEN, UPDATED, CLOSED
}
