package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.edge.routing.Site;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Old pages keep talking to the deployment that rendered them; new page loads get the live one. */
class SkewProtectionTest {

    private static final String APP = "http://app.edge.test";

    @RegisterExtension
    static final TestEdge edge = new TestEdge();

    @BeforeAll
    static void publish() {
        Site old = edge.site("dpl_old", "prj_app").file("index.html", "text/html", "old page")
                .file("app.js", "text/javascript", "old script").build();
        Site live = edge.site("dpl_new", "prj_app").file("index.html", "text/html", "new page")
                .file("app.js", "text/javascript", "new script").build();
        Site otherTenant = edge.site("dpl_other", "prj_other").file("app.js", "text/javascript", "other tenant").build();
        edge.publish(Map.of("app.edge.test", "prj_app", "other.edge.test", "prj_other"),
                Map.of("prj_app", "dpl_new", "prj_other", "dpl_other"), old, live, otherTenant);
    }

    private static void assertServedBy(HttpResponse<String> response, String deployment, String body) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tasman-deployment")).contains(deployment);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void givenAnHtmlResponse_whenServed_thenItSetsASessionCookiePinningItsDeployment() {
        HttpResponse<String> page = edge.get(APP + "/");
        HttpResponse<String> script = edge.get(APP + "/app.js");

        assertThat(page.headers().allValues("set-cookie"))
                .containsExactly("__tasman_dpl=dpl_new; Path=/; HttpOnly; SameSite=Lax");
        assertThat(script.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void givenTheDeploymentHeader_whenTheDeploymentIsHeldForTheSameProject_thenItServesEvenANavigation() {
        assertServedBy(edge.get(APP + "/app.js", "x-tasman-deployment", "dpl_old"), "dpl_old", "old script");
        assertServedBy(edge.get(APP + "/", "x-tasman-deployment", "dpl_old", "Sec-Fetch-Mode", "navigate"),
                "dpl_old", "old page");
    }

    @Test
    void givenThePinCookie_whenAnAssetOrFetchIsRequested_thenThePinnedDeploymentServesIt() {
        assertServedBy(edge.get(APP + "/app.js", "Cookie", "theme=dark; __tasman_dpl=dpl_old", "Sec-Fetch-Mode", "cors"),
                "dpl_old", "old script");
    }

    @Test
    void givenThePinCookie_whenATopLevelNavigationIsRequested_thenTheLiveDeploymentServesAndRepinsTheCookie() {
        HttpResponse<String> byMode = edge.get(APP + "/", "Cookie", "__tasman_dpl=dpl_old", "Sec-Fetch-Mode", "navigate");
        HttpResponse<String> byDest = edge.get(APP + "/", "Cookie", "__tasman_dpl=dpl_old", "Sec-Fetch-Dest", "document");

        assertServedBy(byMode, "dpl_new", "new page");
        assertServedBy(byDest, "dpl_new", "new page");
        assertThat(byMode.headers().firstValue("set-cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).startsWith("__tasman_dpl=dpl_new;"));
    }

    @Test
    void givenAPinToAnotherProjectsDeployment_whenRequested_thenItIsIgnoredAndTheLiveDeploymentServes() {
        assertServedBy(edge.get(APP + "/app.js", "x-tasman-deployment", "dpl_other"), "dpl_new", "new script");
        assertServedBy(edge.get(APP + "/app.js", "Cookie", "__tasman_dpl=dpl_other"), "dpl_new", "new script");
    }

    @Test
    void givenAPinToADeploymentThisEdgeNoLongerHolds_whenRequested_thenTheLiveDeploymentServes() {
        assertServedBy(edge.get(APP + "/app.js", "Cookie", "__tasman_dpl=dpl_evicted"), "dpl_new", "new script");
        assertServedBy(edge.get(APP + "/app.js", "x-tasman-deployment", "dpl_evicted"), "dpl_new", "new script");
    }
}
