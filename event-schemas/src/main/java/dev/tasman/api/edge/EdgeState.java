package dev.tasman.api.edge;

/** JOINING until it holds every live deployment; only ACTIVE edges are waited for; DRAINED ones never. */
public enum EdgeState {
    JOINING,
    ACTIVE,
    DRAINED
}
