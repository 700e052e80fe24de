package dev.tasman.control.build;

import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.ClaimBuild;
import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.RecordBuildFailed;
import dev.tasman.api.deployment.RecordBuildSucceeded;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.control.deployment.DeploymentView;
import dev.tasman.control.packaging.Packager;
import dev.tasman.control.packaging.PackagingFailed;
import dev.tasman.control.project.ProjectSecrets;
import dev.tasman.control.project.ProjectView;
import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Directories;
import dev.tasman.control.shared.MessageMetadata;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.shared.RequestContext;
import dev.tasman.control.source.GitSources;
import dev.tasman.control.source.SourceArchives;
import dev.tasman.control.source.SourceStore;
import dev.tasman.control.source.TasmanConfig;
import dev.tasman.control.source.TasmanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageHandlerTimeout;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Builds one deployment: claim it, fetch the exact source into a fresh directory, run the install and
 * build commands in the sandbox with only the project's variables and {@code CI=1}, package the output
 * into origin, and record the result. Anything that goes wrong ends in {@code BuildFailed} with a reason
 * a person can act on; a worker that dies leaves the build to be claimed again.
 */
@Component
@ProcessingGroup(BuildWorker.GROUP)
@ConditionalOnProperty(name = "tasman.control.builds.enabled", havingValue = "true", matchIfMissing = true)
class BuildWorker {

    static final String GROUP = "builds";
    private static final Logger log = LoggerFactory.getLogger(BuildWorker.class);

    private final CommandGateway commands;
    private final BuildProperties properties;
    private final Sandbox sandbox;
    private final SourceStore sources;
    private final GitSources git;
    private final Packager packager;
    private final ProjectView projects;
    private final ProjectSecrets secrets;
    private final DeploymentView deployments;
    private final Path workRoot;
    private final String workerId;
    private final ExecutorService builds = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "build");
        thread.setDaemon(true);
        return thread;
    });

    BuildWorker(CommandGateway commands, BuildProperties properties, Sandbox sandbox, SourceStore sources,
            GitSources git, Packager packager, ProjectView projects, ProjectSecrets secrets,
            DeploymentView deployments, ControlProperties control) {
        this.commands = commands;
        this.properties = properties;
        this.sandbox = sandbox;
        this.sources = sources;
        this.git = git;
        this.packager = packager;
        this.projects = projects;
        this.secrets = secrets;
        this.deployments = deployments;
        this.workRoot = control.dataDirectory().resolve("builds").toAbsolutePath();
        this.workerId = ProcessHandle.current().info().user().orElse("worker") + "@"
                + java.net.InetAddress.getLoopbackAddress().getHostName() + ":" + ProcessHandle.current().pid();
    }

    /** A build that ended without output: exit code when a command failed, and why. */
    static final class BuildFailure extends Exception {
        final Integer exitCode;

        BuildFailure(Integer exitCode, String reason) {
            super(reason, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * Runs the build on its own thread and waits for it. Outside the handler's unit of work each
     * command the build sends is its own unit of work, so the deployment's lock is held per command,
     * not for the whole build; and the processor's token only moves on once the build is over, so a
     * worker that dies mid-build leaves the event to be delivered again.
     */
    @EventHandler
    @MessageHandlerTimeout(timeoutMs = Integer.MAX_VALUE, warningThresholdMs = Integer.MAX_VALUE)
    void on(BuildStarted started, @MetaDataValue(MessageMetadata.CORRELATION_ID) String correlationId,
            @MetaDataValue(MessageMetadata.TRACEPARENT) String traceparent) throws Exception {
        RequestContext context = new RequestContext("build-worker",
                correlationId != null ? correlationId : RequestContext.system().correlationId(),
                traceparent != null ? traceparent : RequestContext.system().traceparent());
        Future<?> build = builds.submit(() -> {
            try (RequestContext.Scope ignored = RequestContext.open(context)) {
                run(started);
            }
            return null;
        });
        try {
            build.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            build.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private void run(BuildStarted started) throws IOException {
        String id = started.deploymentId();
        if (!Boolean.TRUE.equals(commands.sendAndWait(new ClaimBuild(id, workerId)))) {
            return;
        }
        Path work = workRoot.resolve(id);
        Directories.delete(work);
        Files.createDirectories(work);
        try (BuildLog buildLog = new BuildLog(id, commands, properties.maxLogLines())) {
            try {
                Packager.Packaged packaged = build(started, work.resolve("src"), buildLog);
                buildLog.close();
                record(new RecordBuildSucceeded(id, packaged.manifestDigest(), packaged.fileCount(),
                        packaged.totalBytes()));
            } catch (BuildFailure failure) {
                buildLog.system("Build failed: " + failure.getMessage());
                buildLog.close();
                record(new RecordBuildFailed(id, failure.exitCode, failure.getMessage(), buildLog.lastLines()));
            } catch (Refused | PackagingFailed | Sandbox.BuildRefused refused) {
                buildLog.system("Build failed: " + refused.getMessage());
                buildLog.close();
                record(new RecordBuildFailed(id, null, refused.getMessage(), buildLog.lastLines()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("build worker stopping; the build will be claimed again", e);
            }
        } finally {
            Directories.delete(work);
        }
    }

    private Packager.Packaged build(BuildStarted started, Path src, BuildLog buildLog)
            throws BuildFailure, IOException, InterruptedException {
        long began = System.nanoTime();
        fetch(started.source(), src, buildLog);
        TasmanConfig config = TasmanJson.read(src);
        BuildSettings settings = config.over(projects.find(started.projectId())
                .map(ProjectView.Details::buildSettings).orElse(BuildSettings.defaults()));
        String install = settings.installCommand();
        String buildCommand = settings.buildCommand();
        String output = settings.outputDirectory();
        String server = settings.server();

        Map<String, String> environment = new LinkedHashMap<>(secrets.openAll(started.projectId()));
        environment.put("CI", "1");
        environment.put("TASMAN_DEPLOYMENT_ID", started.deploymentId());
        environment.put("TASMAN_TARGET", started.target().name().toLowerCase());
        BooleanSupplier cancelled = cancellation(started.deploymentId());

        for (String[] step : new String[][] {{"installCommand", install}, {"buildCommand", buildCommand}}) {
            if (step[1] == null || step[1].isBlank()) {
                continue;
            }
            Duration left = properties.timeout().minusNanos(System.nanoTime() - began);
            buildLog.system("$ " + step[1]);
            Sandbox.Outcome outcome = sandbox.run(step[1], src, environment, left, buildLog::line, cancelled);
            if (outcome.cancelled()) {
                throw new BuildFailure(null, "The deployment was cancelled during its " + step[0] + ".");
            }
            if (outcome.timedOut()) {
                throw new BuildFailure(null, "The build took longer than " + describe(properties.timeout())
                        + " and was stopped during its " + step[0] + " '" + step[1] + "'.");
            }
            if (outcome.exitCode() != 0) {
                throw new BuildFailure(outcome.exitCode(), step[0] + " '" + step[1] + "' exited with code "
                        + outcome.exitCode() + ".");
            }
        }
        Path outputDirectory = src.resolve(output).normalize();
        if (!Files.isDirectory(outputDirectory)) {
            throw new BuildFailure(null, "The output directory '" + output + "' does not exist after the build"
                    + (buildCommand == null ? " (no buildCommand is set)." : "."));
        }
        // The build may have made any part of the path a link; only a directory really inside the source counts.
        if (!outputDirectory.toRealPath().startsWith(src.toRealPath())) {
            throw new BuildFailure(null, "The output directory '" + output + "' leads outside the source tree.");
        }
        if (outputDirectory.toRealPath().equals(src.toRealPath())) {
            unpublish(src, buildLog);
        }
        buildLog.system("Packaging '" + output + "' into origin");
        Packager.Packaged packaged = packager.pack(started.deploymentId(), started.projectId(), outputDirectory,
                config.routing(), server, properties.maxOutputBytes());
        buildLog.system("Packaged " + packaged.fileCount() + " files (" + packaged.totalBytes() + " bytes): "
                + packaged.uploadedBlobs() + " uploaded, " + packaged.reusedBlobs() + " already in origin; manifest "
                + packaged.manifestDigest());
        return packaged;
    }

    private void fetch(SourceRef source, Path src, BuildLog buildLog) throws IOException {
        if ("git".equals(source.kind())) {
            buildLog.system("Cloning " + source.location() + " at " + source.commit() + " (" + source.ref() + ")");
            git.checkout(source.location(), source.commit(), src);
        } else {
            buildLog.system("Unpacking the uploaded source (sha256 " + source.location() + ")");
            SourceArchives.extract(sources.path(source.location()), src, SourceArchives.Limits.defaults());
        }
    }

    /**
     * When the source root itself is the output, what configures or feeds the build is not site
     * content: {@code tasman.json}, {@code .env} files (secrets!) and {@code node_modules} are left out.
     */
    private static void unpublish(Path src, BuildLog buildLog) throws IOException {
        try (var entries = Files.list(src)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("tasman.json") || name.equals(".env") || name.startsWith(".env.")
                        || name.equals("node_modules")) {
                    Directories.delete(entry);
                    buildLog.system("Not published: " + name);
                }
            }
        }
    }

    /** Checked at most once a second: a cancelled deployment's build is killed within about a second. */
    private BooleanSupplier cancellation(String deploymentId) {
        long[] lastCheck = {0};
        boolean[] cancelled = {false};
        return () -> {
            if (!cancelled[0] && System.nanoTime() - lastCheck[0] > 1_000_000_000L) {
                lastCheck[0] = System.nanoTime();
                cancelled[0] = deployments.find(deploymentId).map(d -> d.state() == DeploymentState.CANCELLED)
                        .orElse(false);
            }
            return cancelled[0];
        };
    }

    /** Results for a deployment cancelled meanwhile are refused; that is expected, not an error. */
    private void record(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (Refused refused) {
            log.info("Build result not recorded: {}", refused.getMessage());
        }
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }


}
