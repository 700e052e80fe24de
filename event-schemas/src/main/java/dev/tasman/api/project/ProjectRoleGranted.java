package dev.tasman.api.project;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProjectRoleGranted(String projectId, String subject, ProjectRole role) {
}
