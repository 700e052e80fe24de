package dev.tasman.control.shared;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

class CrossOriginTest {

    private static final String DASHBOARD = "http://127.0.0.1:8090";

    @RestController
    static class Routing {

        @PostMapping("/v1/projects/hello/rollback")
        String rollback() {
            return "{}";
        }

        @GetMapping("/v1/projects")
        String projects() {
            return "{}";
        }
    }

    private static MockMvc api(String... origins) {
        return MockMvcBuilders.standaloneSetup(new Routing())
                .addFilters(CrossOrigin.filter(new CrossOrigin.Settings(List.of(origins)))).build();
    }

    @Test
    void givenTheDashboardOrigin_whenItsPagePreflightsARollback_thenBearerAndJsonAreAllowedWithoutCredentials()
            throws Exception {
        api(DASHBOARD, " https://other.example ").perform(options("/v1/projects/hello/rollback")
                        .header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", DASHBOARD))
                .andExpect(header().string("Access-Control-Allow-Methods", "GET,POST,PUT,DELETE"))
                .andExpect(header().string("Access-Control-Allow-Headers", "authorization, content-type"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Credentials"));
    }

    @Test
    void givenTheDashboardOrigin_whenItsPagePosts_thenTheAnswerNamesItsOrigin() throws Exception {
        api(DASHBOARD).perform(post("/v1/projects/hello/rollback").header("Origin", DASHBOARD))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", DASHBOARD))
                .andExpect(header().string("Access-Control-Expose-Headers", "X-Correlation-Id"));
    }

    @Test
    void givenAnOriginNotListed_whenItPreflights_thenItIsRefused() throws Exception {
        api(DASHBOARD).perform(options("/v1/projects/hello/rollback").header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void givenAListedOrigin_whenItAsksForAMethodNotAllowed_thenItIsRefused() throws Exception {
        api(DASHBOARD).perform(options("/v1/projects").header("Origin", DASHBOARD)
                        .header("Access-Control-Request-Method", "PATCH"))
                .andExpect(status().isForbidden());
    }

    @Test
    void givenNoOriginsConfigured_whenAnyPageCalls_thenNoCrossOriginAccessIsGranted() throws Exception {
        MockMvc api = api(new CrossOrigin.Settings(null).allowedOrigins().toArray(String[]::new));
        api.perform(get("/v1/projects").header("Origin", DASHBOARD))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        api.perform(options("/v1/projects/hello/rollback").header("Origin", DASHBOARD)
                        .header("Access-Control-Request-Method", "POST"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}
