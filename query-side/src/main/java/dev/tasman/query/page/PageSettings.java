package dev.tasman.query.page;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the dashboard page needs to know about the rest of the platform, under {@code tasman.query}.
 *
 * @param controlPlaneUrl where the page sends promote and rollback ({@code TASMAN_CONTROL_URL}); empty: the page
 *                        shows those buttons disabled, saying why. The control plane must list this side's origin
 *                        in {@code TASMAN_CORS_ORIGINS}.
 */
@ConfigurationProperties("tasman.query")
record PageSettings(String controlPlaneUrl) {

    PageSettings {
        controlPlaneUrl = controlPlaneUrl == null ? "" : controlPlaneUrl.trim().replaceAll("/+$", "");
        if (!controlPlaneUrl.isEmpty() && !isHttp(controlPlaneUrl)) {
            throw new IllegalArgumentException("tasman.query.control-plane-url (TASMAN_CONTROL_URL) must be an "
                    + "http(s) URL such as http://127.0.0.1:8080, not '" + controlPlaneUrl + "'");
        }
    }

    private static boolean isHttp(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The scheme, host and port the page's Content-Security-Policy lets it connect to. */
    String controlPlaneOrigin() {
        if (controlPlaneUrl.isEmpty()) {
            return "";
        }
        URI uri = URI.create(controlPlaneUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
