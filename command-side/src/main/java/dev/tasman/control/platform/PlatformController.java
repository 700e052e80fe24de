package dev.tasman.control.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.ControlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the rest of the platform is, so a client that knows only the control plane's URL (the CLI after
 * {@code tasman login}) finds the query side and the domain the sites answer under.
 */
@RestController
@Tag(name = "Platform")
class PlatformController {

    private final PlatformProperties platform;
    private final ControlProperties control;
    private final Access access;

    PlatformController(PlatformProperties platform, ControlProperties control, Access access) {
        this.platform = platform;
        this.control = control;
        this.access = access;
    }

    /** {@code queryUrl} is written even when null: a client tells "not configured" from "not understood". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Platform(String queryUrl, String edgeDomain) {
    }

    @GetMapping("/v1/platform")
    @Operation(summary = "The query side's URL (null when not configured) and the edge domain")
    Platform platform() {
        access.person();
        return new Platform(platform.queryUrl(), control.edgeDomain());
    }
}
