package dev.tasman.query.replay;

/**
 * A read model rebuilt in place rather than by generations: an index whose documents have ids derived from the
 * events, so handling every event again overwrites each document with itself (or its corrected self) while
 * readers keep reading. {@code /v1/admin/replay/{name}} reaches it like a {@link ReadModel}.
 */
public interface Replayable {

    /** Lowercase letters only, and not the name of a {@link ReadModel}. */
    String name();

    /** Starts handling every event again from the start of the store; 409 while a replay of it runs. */
    ReplayStatus replay(String requestedBy);

    ReplayStatus status();
}
