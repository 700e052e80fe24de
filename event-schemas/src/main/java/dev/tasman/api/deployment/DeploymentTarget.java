package dev.tasman.api.deployment;

/** Production deployments go live as soon as every edge holds them; previews wait for a promote. */
public enum DeploymentTarget {
    PRODUCTION,
    PREVIEW
}
