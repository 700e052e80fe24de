package dev.tasman.query;

import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildLogRecorded;
import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.project.CutoverReason;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.RoutingCutOver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The control plane's side of a test, in its own words: the events its aggregates would record for a project,
 * an edge, a token or a deployment's way to live, appended to the event store.
 */
final class Platform {

    static final String DIGEST = "sha256:" + "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";

    private final StoredEvents events;

    Platform(StoredEvents events) {
        this.events = events;
    }

    StoredEvents events() {
        return events;
    }

    record Project(String id, String name) {
    }

    Project project(String owner) {
        Project project = new Project(id("prj_"), unique("p"));
        events.append(project.id(), new ProjectCreated(project.id(), project.name(), owner), owner);
        return project;
    }

    /** An edge that registered and then synced everything: active. */
    String activeEdge(String edgeId) {
        events.append(edgeId, new EdgeRegistered(edgeId, "test-" + edgeId, "http://127.0.0.1:9/" + edgeId), "admin");
        events.append(edgeId, new EdgeActivated(edgeId), "system");
        return edgeId;
    }

    /** A token as the control plane issues it: only its hash is recorded. Returns the token itself. */
    String token(String subject, TokenKind kind, String edgeId) {
        String token = "tsm_" + HexFormat.of().formatHex(random(32));
        String tokenId = id("tok_");
        events.append(tokenId, new TokenIssued(tokenId, subject, kind, edgeId, "test", hash(token)), "admin");
        return token;
    }

    String queued(Project project, String actor) {
        String deploymentId = id("dpl_");
        events.append(deploymentId, new BuildStarted(deploymentId, project.id(), DeploymentTarget.PRODUCTION,
                new SourceRef("git", "https://git.example.com/" + project.name() + ".git", "main",
                        "9fceb02d0ae598e95dc970b74767f19372d61af8")), actor);
        return deploymentId;
    }

    /** Lines a build printed, one event, each line a second after the one before. */
    void buildLog(Project project, String deploymentId, java.time.Instant first, String... lines) {
        List<LogLine> recorded = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            recorded.add(new LogLine(first.plusSeconds(i), i % 2 == 0 ? "stdout" : "stderr", lines[i]));
        }
        events.append(deploymentId, new BuildLogRecorded(deploymentId, project.id(), recorded, false), "system");
    }

    void built(Project project, String deploymentId) {
        events.append(deploymentId, new BuildClaimed(deploymentId, project.id(), "worker-1"), "system");
        events.append(deploymentId, new BuildSucceeded(deploymentId, project.id(), DIGEST, 3, 1234), "system");
    }

    void propagating(Project project, String deploymentId, List<String> edges) {
        events.append(deploymentId, new PropagationRequested(deploymentId, project.id(), DIGEST, edges), "system");
    }

    void acknowledged(Project project, String deploymentId, String edgeId) {
        events.append(deploymentId, new EdgeAcknowledged(deploymentId, project.id(), edgeId, DIGEST), "edge:" + edgeId);
    }

    void ready(Project project, String deploymentId, List<String> edges) {
        events.append(deploymentId, new DeploymentReady(deploymentId, project.id(), DeploymentTarget.PRODUCTION,
                edges), "system");
    }

    void live(Project project, String deploymentId, String previous) {
        events.append(project.id(), new RoutingCutOver(project.id(), deploymentId, previous, CutoverReason.DEPLOY),
                "system");
    }

    /** A deployment's whole way from upload to live on {@code edges}. */
    String deployed(Project project, String actor, List<String> edges, String previous) {
        String deploymentId = queued(project, actor);
        built(project, deploymentId);
        propagating(project, deploymentId, edges);
        edges.forEach(edge -> acknowledged(project, deploymentId, edge));
        ready(project, deploymentId, edges);
        live(project, deploymentId, previous);
        return deploymentId;
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    static String id(String prefix) {
        return prefix + HexFormat.of().formatHex(random(8));
    }

    static String hash(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
