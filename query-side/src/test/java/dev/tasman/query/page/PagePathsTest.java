package dev.tasman.query.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/favicon.ico", "/ui/app.js", "/ui/views/projects.js",
            "/ui/config.json", "/ui/style.css"})
    void givenThePagesOwnFiles_whenChecked_thenTheyArePublic(String path) {
        assertThat(PagePaths.isPublic(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/audit", "/v1/dashboard/projects", "/ui/../v1/audit", "/ui/%2e%2e/v1/audit",
            "/ui/..;/v1/audit", "/ui/;x/../v1/audit", "/ui//v1/audit", "/ui/", "/ui", "/ui/.hidden",
            "/index.html/../v1/audit", "/actuator/prometheus", "//v1/audit", "/ui/a\\..\\v1"})
    void givenAnythingElse_whenChecked_thenItNeedsAToken(String path) {
        assertThat(PagePaths.isPublic(path)).isFalse();
    }
}
