package dev.tasman.api.deployment;

/**
 * Where a deployment's source came from. {@code kind} is {@code archive} (an uploaded .tar.gz,
 * {@code location} is its SHA-256) or {@code git} ({@code location} the repository URL, {@code ref}
 * what was asked for, {@code commit} the exact commit it resolved to).
 */
public record SourceRef(String kind, String location, String ref, String commit) {
}
