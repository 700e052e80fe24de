package dev.tasman.query.replay;

import java.time.Instant;

/**
 * Where the latest replay of a read model stands.
 *
 * @param state            {@code RUNNING}, {@code FINISHED}, or {@code NONE} when no replay was ever asked for
 * @param activeGeneration the generation readers see now
 * @param generation       the generation the latest replay builds or built
 * @param positionReached  the last event-store position the replay handled
 * @param headPosition     the newest position in the event store when last looked
 * @param progress         positionReached / headPosition, 0..1
 * @param error            why the replay is retrying, while it is
 */
public record ReplayStatus(String readModel, String state, int activeGeneration, int generation,
        String requestedBy, Instant startedAt, Instant finishedAt, Long positionReached, Long headPosition,
        Double progress, Double eventsPerSecond, String error) {
}
