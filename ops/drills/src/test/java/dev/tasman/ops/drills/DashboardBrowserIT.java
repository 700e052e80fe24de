package dev.tasman.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real headless Chromium against the real platform: sign in with the admin token, watch a
 * deployment's per-edge progress fill in until it goes live, roll back with the page's button, look at the
 * edges and the audit trail, find a build log line in the log search (Elasticsearch). Promote and rollback go from the page to the control plane (another origin).
 * Screenshots of every step are in target/screenshots.
 */
class DashboardBrowserIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(120);
    private static final Duration PAGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final RunningDashboard running = new RunningDashboard();

    @Test
    void signInWatchADeploymentGoLiveEdgeByEdgeRollBackThenEdgesAuditAndLogs() throws Exception {
        Platform platform = running.platform();
        Browser browser = running.browser();
        String v1 = Drills.deploy(platform, "hello", Drills.site(running.root(), 1));
        Drills.awaitState(platform, v1, "LIVE", PROPAGATION);

        browser.open(running.dashboardUrl() + "/");
        browser.await("the sign-in form", "#token", PAGE);
        browser.screenshot("sign-in");
        browser.find("#token").sendKeys(platform.adminToken());
        browser.find("#sign-in").click();
        browser.await("project hello in the list", "[data-project='hello']", PAGE);
        browser.screenshot("projects");

        // With sin down, v2 reaches syd and mel but cannot go live: the page shows the edges filling in.
        platform.edge("sin").part().stop();
        String v2 = Drills.deploy(platform, "hello", Drills.site(running.root(), 2));
        browser.open(running.dashboardUrl() + "/#/deployments/" + v2);
        browser.until("syd and mel holding v2, sin syncing", PROPAGATION, d -> progress(browser)
                .equals(List.of("mel=acknowledged", "sin=waiting", "syd=acknowledged")));
        assertThat(browser.texts("#deployment-state", "e.dataset.state")).doesNotContain("LIVE");
        browser.script("window.tasmanNotReloaded = true;");
        browser.screenshot("deployment-propagating");

        platform.startEdge("sin");
        browser.await("v2 live on the page", "#deployment-state[data-state='LIVE']", PROPAGATION);
        browser.await("v2 shown as serving traffic", "#is-live", PAGE);
        assertThat(progress(browser)).containsExactly("mel=acknowledged", "sin=acknowledged", "syd=acknowledged");
        assertThat(browser.script("return window.tasmanNotReloaded === true;"))
                .as("the page followed the deployment over its progress stream, without a reload").isEqualTo(true);
        browser.screenshot("deployment-live");

        browser.open(running.dashboardUrl() + "/#/projects/hello");
        browser.await("v2 live on the project page", "#live-deployment[data-deployment='" + v2 + "']", PAGE);
        browser.screenshot("project");
        browser.find("#rollback").click();
        browser.await("the rollback confirmation", "#rollback-confirm", PAGE).click();
        browser.await("v1 live again on the project page", "#live-deployment[data-deployment='" + v1 + "']", PAGE);
        assertThat(platform.api("GET", "/v1/projects/hello", null).json().path("liveDeploymentId").asText())
                .as("the control plane routes hello to v1").isEqualTo(v1);
        Drills.await("every edge serving v1 again", PAGE,
                () -> Drills.servedBy(platform, "hello.localhost").equals(Drills.everyEdge(platform, v1)));
        browser.screenshot("rolled-back");

        browser.route("#/edges");
        browser.until("three edges, all active", PAGE, d -> browser.texts("#edges tr[data-edge]",
                "e.dataset.edge + '=' + e.querySelector('[data-state]').dataset.state")
                .equals(List.of("mel=ACTIVE", "sin=ACTIVE", "syd=ACTIVE")));
        browser.screenshot("edges");

        browser.route("#/audit");
        browser.await("the audit trail", "#audit table", PAGE);
        assertThat(browser.texts("#audit", "e.textContent")).singleElement().asString().contains("ProjectCreated");
        browser.find("#audit-type").sendKeys("RoutingCutOver");
        browser.find("#audit-filters button[type='submit']").click();
        // v1's cutover, v2's, and the rollback's
        browser.until("only the three cutovers", PAGE, d -> {
            List<String> rows = browser.texts("#audit tbody tr", "e.textContent");
            return rows.size() == 3 && rows.stream().allMatch(r -> r.contains("RoutingCutOver"));
        });
        browser.screenshot("audit");

        // v1's build log, indexed in Elasticsearch from the event store; searched again until it is there.
        browser.route("#/logs");
        browser.await("the log search", "#logs-form", PAGE);
        browser.find("#logs-q").sendKeys("Packaged");
        browser.find("#logs-project").sendKeys("hello");
        browser.find("#logs-kind option[value='build']").click();
        browser.find("#logs-form button[type='submit']").click();
        long[] searched = {System.nanoTime()};
        browser.until("v1's build log line, and build lines only", PROPAGATION, d -> {
            List<String> lines = browser.texts("#logs .log", "e.dataset.kind + ' ' + e.textContent");
            if (!lines.isEmpty() && lines.stream().allMatch(line -> line.startsWith("build "))
                    && lines.stream().anyMatch(line -> line.contains("Packaged 3 files") && line.contains(v1))) {
                return true;
            }
            if (System.nanoTime() - searched[0] > 1_000_000_000L) {
                browser.find("#logs-form button[type='submit']").click();
                searched[0] = System.nanoTime();
            }
            return false;
        });
        browser.screenshot("logs");

        // The edges here ship no request telemetry yet: the charts' query is accepted and answers no points.
        browser.route("#/metrics");
        browser.await("the metrics answer", "#metrics .empty, #metrics .chart, #metrics .error", PAGE);
        assertThat(browser.all("#metrics .error")).as("the metrics query the page sends is accepted").isEmpty();
        browser.screenshot("metrics");

        // The same page for someone whose system is in dark mode.
        browser.emulateDarkMode();
        browser.open(running.dashboardUrl() + "/#/deployments/" + v2);
        browser.await("the deployment in dark mode", "#edge-progress [data-edge]", PAGE);
        browser.screenshot("deployment-dark");
        assertThat(browser.scriptProblems()).as("script errors or CSP refusals in the browser console").isEmpty();
    }

    /** The per-edge progress view as "edge=state", sorted; read in one script, as the page redraws it live. */
    private static List<String> progress(Browser browser) {
        return browser.texts("#edge-progress [data-edge]", "e.dataset.edge + '=' + e.dataset.progress");
    }
}
