package dev.tasman.control.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The control plane's knowledge of the rest of the platform, under the module's prefix
 * {@code tasman.control}. Kept apart from {@code ControlProperties} because only {@code /v1/platform}
 * reads it: the control plane never calls the query side.
 *
 * @param queryUrl where clients reach the query side (logs, audit, replay); empty when this control plane
 *                 does not know one, and clients must be told it
 */
@ConfigurationProperties("tasman.control")
record PlatformProperties(String queryUrl) {

    PlatformProperties {
        queryUrl = queryUrl == null || queryUrl.isBlank() ? null : queryUrl.strip();
    }
}
