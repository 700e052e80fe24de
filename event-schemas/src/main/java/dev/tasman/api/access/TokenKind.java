package dev.tasman.api.access;

/** ADMIN runs the platform, USER works in the projects it holds roles in, EDGE reaches edge endpoints only. */
public enum TokenKind {
    ADMIN,
    USER,
    EDGE
}
