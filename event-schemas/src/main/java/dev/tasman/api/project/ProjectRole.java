package dev.tasman.api.project;

/** What a person may do in one project. Each role includes the ones below it. */
public enum ProjectRole {
    VIEWER,
    DEPLOYER,
    OWNER;

    public boolean includes(ProjectRole other) {
        return compareTo(other) >= 0;
    }
}
