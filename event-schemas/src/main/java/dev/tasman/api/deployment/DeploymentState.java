package dev.tasman.api.deployment;

/** The states a person sees. LIVE and SUPERSEDED follow from routing, the rest from the deployment itself. */
public enum DeploymentState {
    QUEUED,
    BUILDING,
    BUILT,
    PROPAGATING,
    READY,
    LIVE,
    SUPERSEDED,
    FAILED,
    STALLED,
    CANCELLED
}
