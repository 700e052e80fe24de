package dev.tasman.api.project;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EnvironmentVariableSet(String projectId, String name, SealedSecret value) {
}
