package dev.tasman.ops.drills;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A drill's platform for the whole test class: control plane and edges syd, mel and sin started in a fresh
 * directory, with project {@code hello} created; everything stopped afterwards.
 */
final class RunningPlatform implements BeforeAllCallback, AfterAllCallback {

    private final String[] controlSettings;
    private Path root;
    private Platform platform;

    RunningPlatform(String... controlSettings) {
        this.controlSettings = controlSettings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("tasman-drill-");
        platform = Platform.start(root, controlSettings);
        Http.Response created = platform.api("POST", "/v1/projects", Map.of("name", "hello"));
        if (created.status() != 201) {
            throw new IllegalStateException("creating project hello: " + created.body());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    Platform platform() {
        return platform;
    }

    /** Where the drill's files live: control/, edges/, logs/, and the sites it deploys. */
    Path root() {
        return root;
    }
}
