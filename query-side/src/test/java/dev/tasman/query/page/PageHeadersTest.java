package dev.tasman.query.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PageHeadersTest {

    private static MockHttpServletResponse get(String path, String controlPlaneUrl) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new PageHeaders(new PageSettings(controlPlaneUrl)).doFilter(new MockHttpServletRequest("GET", path), response,
                new MockFilterChain());
        return response;
    }

    @Test
    void givenAControlPlane_whenThePageIsServed_thenItMayConnectThereAndRunsOnlyItsOwnScripts() throws Exception {
        MockHttpServletResponse page = get("/", "http://127.0.0.1:8080/");

        assertThat(page.getHeader("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self' http://127.0.0.1:8080;",
                        "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void givenNoControlPlane_whenThePageIsServed_thenItConnectsOnlyToItsOwnOrigin() throws Exception {
        assertThat(get("/ui/app.js", "").getHeader("Content-Security-Policy")).contains("connect-src 'self';");
    }

    @Test
    void givenAnApiCall_whenAnswered_thenItIsNotGivenThePagesPolicy() throws Exception {
        MockHttpServletResponse api = get("/v1/dashboard/projects", "http://127.0.0.1:8080");

        assertThat(api.getHeader("Content-Security-Policy")).isNull();
        assertThat(api.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void givenAControlPlaneUrlThatIsNotHttp_whenTheSettingsAreRead_thenTheSettingIsNamed() {
        assertThatThrownBy(() -> new PageSettings("127.0.0.1:8080")).hasMessageContaining("TASMAN_CONTROL_URL");
        assertThat(new PageSettings("https://control.example.com/api/").controlPlaneOrigin())
                .isEqualTo("https://control.example.com");
    }
}
