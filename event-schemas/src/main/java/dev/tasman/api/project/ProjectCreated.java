package dev.tasman.api.project;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProjectCreated(String projectId, String name, String owner) {
}
