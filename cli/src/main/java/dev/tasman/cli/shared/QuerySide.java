package dev.tasman.cli.shared;

/**
 * Finds the query side from the control plane: {@code GET /v1/platform} answers its URL, so a person logs in
 * once, with the control plane's URL, and logs, audit and replay work. Asked each time it is needed rather
 * than saved, so an operator who moves the query side needs no new login from anyone.
 */
final class QuerySide {

    private QuerySide() {
    }

    static String discover(Api control) {
        String url;
        try {
            url = Json.text(control.get("/v1/platform").json(), "queryUrl", null);
        } catch (Api.Refusal refused) {
            if (refused.status() != 404) {
                throw refused;
            }
            url = null; // a control plane older than /v1/platform
        }
        if (url == null || url.isBlank()) {
            throw new Failure("The control plane at " + control.url() + " does not say where its query side is: "
                    + "run `tasman login --query-url URL`, or set TASMAN_QUERY_URL.");
        }
        return url;
    }
}
