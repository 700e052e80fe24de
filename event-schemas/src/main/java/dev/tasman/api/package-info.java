/**
 * The language of Tasman: commands (imperative), events (past tense, each with a {@code @Revision}),
 * and the value types they carry. Records only; the one piece of code is {@link dev.tasman.api.Json},
 * the JSON mapping every service uses for these messages.
 */
package dev.tasman.api;
