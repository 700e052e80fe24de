package dev.tasman.api.project;

/** Why routing moved: a new deployment went live, a preview was promoted, or an operator rolled back. */
public enum CutoverReason {
    DEPLOY,
    PROMOTE,
    ROLLBACK
}
