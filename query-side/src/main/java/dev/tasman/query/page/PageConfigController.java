package dev.tasman.query.page;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the page where the control plane is, so one build of the page works in every installation. */
@RestController
@Hidden
class PageConfigController {

    private final PageSettings settings;

    PageConfigController(PageSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/ui/config.json")
    ResponseEntity<Map<String, String>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(Map.of("controlPlaneUrl", settings.controlPlaneUrl()));
    }
}
