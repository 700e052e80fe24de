package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.ProjectOption;
import dev.tasman.cli.shared.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Packs a directory, uploads it, and follows the deployment until it is live on every edge. Ctrl-C stops
 * the following, not the deployment (it is the platform's work now), unless {@code --cancel-on-interrupt}.
 */
@Command(name = "deploy", description = {"Deploy a directory: pack it (minus .git and what .gitignore and "
        + ".tasmanignore leave out), upload it, follow the build log and every edge's acknowledgement, and "
        + "print the URL once it is live.",
    "Exit code 0 once it is live (a preview: ready on every edge), 1 if it failed, was cancelled or stalled. "
            + "Ctrl-C stops following; the deployment goes on."})
public final class DeployCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The directory to deploy "
            + "(default: the current one).")
    Path directory = Path.of(".");

    @Mixin
    ProjectOption project;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {

        @Option(names = "--prod", description = "A production deployment: live as soon as every edge holds it "
                + "(the default).")
        boolean production;

        @Option(names = "--preview", description = "A preview: ready on every edge, live only once promoted.")
        boolean preview;
    }

    @Option(names = "--no-follow", description = "Return once the source is uploaded.")
    boolean noFollow;

    @Option(names = "--cancel-on-interrupt", description = "Cancel the deployment on Ctrl-C instead of leaving "
            + "it running.")
    boolean cancelOnInterrupt;

    DeployCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path source = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw Failure.usage(directory + " is not a directory: give the directory to deploy (default: the "
                    + "current one).");
        }
        Api api = context.api();
        // The project first: a wrong name fails before a large directory is packed.
        String name = Json.text(api.get("/v1/projects/" + project.segment()).json(), "name", project.name());
        boolean preview = target.preview;
        String id = upload(api, source, name, preview);
        if (noFollow) {
            context.out().println("Follow it: tasman status " + id);
            return 0;
        }
        Thread onInterrupt = new Thread(() -> interrupted(api, id), "tasman-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return new Follow(api, context, id, name, preview).run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook runs
            }
        }
    }

    private String upload(Api api, Path source, String name, boolean preview) {
        Style style = context.style(false);
        try (SourceArchive.Packed packed = SourceArchive.pack(source)) {
            if (packed.files() == 0) {
                throw new Failure("Nothing to deploy: " + source + " holds no files, or .gitignore and "
                        + ".tasmanignore leave all of them out.");
            }
            String shown = directory.toString().equals(".") ? source.toString() : directory.toString();
            context.out().println("Packed " + shown + ": " + packed.files() + (packed.files() == 1 ? " file, "
                    : " files, ") + Sizes.of(packed.bytes()) + " (" + Sizes.of(packed.archiveBytes())
                    + " compressed).");
            JsonNode created = api.upload("/v1/projects/" + project.segment() + "/deployments?target="
                    + (preview ? "preview" : "production"), packed.file(), "application/gzip").json();
            String id = Json.text(created, "id", null);
            if (id == null) {
                throw new Failure("The API accepted the upload but named no deployment.");
            }
            context.out().println("Deployment " + style.bold(id) + " (" + (preview ? "preview" : "production")
                    + ") of " + name + " is queued.");
            return id;
        } catch (IOException e) {
            throw new Failure("Cannot pack " + source + ": " + e.getMessage() + ".", e);
        }
    }

    /** Runs on Ctrl-C (a shutdown hook): the deployment goes on, or is cancelled when asked. */
    private void interrupted(Api api, String id) {
        context.out().println();
        context.out().flush();
        if (!cancelOnInterrupt) {
            context.err().println("Still deploying: tasman status " + id);
        } else {
            try {
                api.post("/v1/deployments/" + id + "/cancel", Map.of("reason", "cancelled with Ctrl-C in the CLI"));
                context.err().println("Cancelled deployment " + id + ".");
            } catch (Failure refused) {
                context.err().println("Could not cancel deployment " + id + ": " + refused.getMessage());
            }
        }
        context.err().flush();
    }
}
