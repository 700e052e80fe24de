package dev.tasman.api.project;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProjectRoleRevoked(String projectId, String subject) {
}
