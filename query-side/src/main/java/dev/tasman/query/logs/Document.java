package dev.tasman.query.logs;

import java.time.Instant;

/**
 * One document to index: it goes to the dated index of {@code kind} for the UTC day of {@code time}, under
 * {@code id}. Ids are made from what the document stands for (an event and a line, an edge and its record), so
 * writing it again replaces it instead of adding a second copy.
 */
public record Document(Indices.Kind kind, String id, Instant time, Object source) {
}
