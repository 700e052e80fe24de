package dev.tasman.api.deployment;

import java.time.Instant;

/** One line a build printed: when, on which stream ({@code stdout}/{@code stderr}/{@code system}), and what. */
public record LogLine(Instant at, String stream, String text) {
}
