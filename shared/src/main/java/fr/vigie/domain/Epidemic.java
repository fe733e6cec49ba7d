package fr.vigie.domain;

/** The epidemics of the "triple épidémie" a watch-list entry can be tied to. */
public enum Epidemic {
    FLU, BRONCHIOLITIS, COVID
}
