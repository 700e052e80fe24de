package dev.tasman.ops.bench;

import dev.tasman.api.Json;
import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildLogRecorded;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.edge.HeldDeployment;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.CutoverReason;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.RoutingCutOver;
import dev.tasman.api.project.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A platform's history written into the event store exactly as the control plane writes it: Axon's JDBC engine
 * with the control plane's serializer ({@code Json.mapper()}, JSON text columns), the aggregate type and next
 * sequence number of each aggregate, and the metadata every control-plane event carries (actor, correlation,
 * causation, W3C trace), as the query side's tests write them too ({@code StoredEvents}, which this module cannot
 * reach: it is test code of another module). Tokens, three edges, projects with build settings, variables, domains and members, then
 * deployments, a few at a time interleaved as concurrent builds are: build started and claimed, its log in
 * batches, built (or failed), propagation to the three edges, their acknowledgements, ready, live. Seeded, so
 * every run writes the same history.
 *
 * <p>One simplification, stated where the figures are: an edge reports its whole holdings (every project's live
 * and five retained deployments) before each acknowledgement, an event that grows with the platform (by its
 * shape up to 6,000 entries, some 700 KB, at 1,000 projects); here each edge reports them once every {@value #HOLDINGS_EVERY}
 * deployments, or the history would be gigabytes of holdings.
 */
final class EventHistory implements AutoCloseable {

    static final List<String> EDGES = List.of("mel", "sin", "syd");
    static final String ADMIN = "bench-admin";
    static final String MEMBER = "dev";
    private static final int HOLDINGS_EVERY = 250;
    private static final int RETAINED = 5;
    private static final int IN_FLIGHT = 4;
    private static final int BATCH = 1000;
    private static final String[] LOG_TEXT = {
        "> vite build", "transforming (%d) src/components/Widget%d.tsx", "✓ %d modules transformed.",
        "dist/assets/index-%08x.js   %d.31 kB │ gzip: %d.12 kB", "npm WARN deprecated glob@7.2.3: no longer supported",
        "added %d packages, and audited %d packages in 4s", "rendering chunks (%d)...", "computing gzip size (%d)..."};

    private final SingleConnectionDataSource connection;
    private final JdbcEventStorageEngine engine;
    private final Random random = new Random(20261207);
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> pending = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final Map<String, Deque<String>> ready = new TreeMap<>();
    private final Map<String, String> digests = new HashMap<>();
    private Instant clock;
    private Duration step;
    private long written;
    private int deploymentsStarted;
    final String adminToken = "tsm_" + HexFormat.of().formatHex(bytes(32));
    final String memberToken = "tsm_" + HexFormat.of().formatHex(bytes(32));

    /** A project as the history knows it: id, name, owner, live deployment. */
    static final class Project {
        final String id;
        final String name;
        final String owner;
        String live;

        Project(String id, String name, String owner) {
            this.id = id;
            this.name = name;
            this.owner = owner;
        }
    }

    EventHistory(String databaseUrl) {
        // The driver sends a batch of inserts as multi-row inserts: the same rows, fewer round trips.
        this.connection = new SingleConnectionDataSource(databaseUrl + (databaseUrl.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", true);
        this.connection.setAutoCommit(false);
        Serializer serializer = JacksonSerializer.builder().objectMapper(Json.mapper()).build();
        this.engine = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(connection::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventSchema())
                .dataType(String.class)
                .build();
    }

    /**
     * Writes about {@code events} events with {@code deployments} deployments, in transactions of a thousand;
     * the timestamps spread over the 60 days before now. Returns the number written.
     */
    long write(long events, int deployments) throws SQLException {
        int projectCount = Math.max(10, deployments / 10);
        clock = Instant.now().minus(Duration.ofDays(60));
        step = Duration.ofDays(60).dividedBy(Math.max(1, events));
        token("tok_bench_admin", ADMIN, TokenKind.ADMIN, null, adminToken);
        token("tok_bench_member", MEMBER, TokenKind.USER, null, memberToken);
        for (String edge : EDGES) {
            token("tok_edge_" + edge, "edge-" + edge, TokenKind.EDGE, edge, "tsm_" + edge);
            append(edge, new EdgeRegistered(edge, regionOf(edge), "https://" + edge + ".edge.example.com"), ADMIN);
            append(edge, new EdgeActivated(edge), "system");
        }
        for (int p = 0; p < projectCount; p++) {
            createProject(p);
        }
        long perDeployment = Math.max(1, (events - written) / deployments - 10);
        List<Deque<Runnable>> inFlight = new ArrayList<>();
        int started = 0;
        while (started < deployments || !inFlight.isEmpty()) {
            while (inFlight.size() < IN_FLIGHT && started < deployments) {
                inFlight.add(deployment(pickProject(), (int) perDeployment));
                started++;
                if (started % HOLDINGS_EVERY == 0) {
                    inFlight.add(holdings());
                }
                if (started % 50 == 0) {
                    Project project = projects.get(random.nextInt(projects.size()));
                    inFlight.add(new ArrayDeque<>(List.of(() -> append(project.id, new EnvironmentVariableSet(
                            project.id, "FEATURE_" + random.nextInt(1000), sealed()), project.owner))));
                }
            }
            Deque<Runnable> next = inFlight.get(random.nextInt(inFlight.size()));
            next.removeFirst().run();
            if (next.isEmpty()) {
                inFlight.remove(next);
            }
        }
        flush();
        return written;
    }

    List<Project> projects() {
        return projects;
    }

    /** The deployments of the history, by project, for the queries to ask about. */
    Map<String, String> deploymentProjects() {
        return deploymentProjects;
    }

    private final Map<String, String> deploymentProjects = new HashMap<>();

    private void createProject(int index) {
        String id = "prj_" + HexFormat.of().formatHex(bytes(8));
        String name = WORDS[index % WORDS.length] + "-" + WORDS[(index / WORDS.length + 3 * index) % WORDS.length]
                + "-" + index;
        String owner = "user" + (index % 200);
        Project project = new Project(id, name, owner);
        projects.add(project);
        append(id, new ProjectCreated(id, name, owner), owner);
        append(id, new ProjectRoleGranted(id, owner, ProjectRole.OWNER), owner);
        append(id, new BuildSettingsUpdated(id, new BuildSettings("npm ci", "npm run build", "dist", null)), owner);
        for (String variable : List.of("DATABASE_URL", "API_KEY", "SENTRY_DSN")) {
            append(id, new EnvironmentVariableSet(id, variable, sealed()), owner);
        }
        if (index % 2 == 0) {
            append(id, new DomainAdded(id, name + ".example.com"), owner);
        }
        if (index % 100 == 0) {
            append(id, new ProjectRoleGranted(id, MEMBER, ProjectRole.DEPLOYER), owner);
        }
    }

    /** A few projects deploy often, most rarely. */
    private Project pickProject() {
        double r = random.nextDouble();
        return projects.get((int) (r * r * projects.size()));
    }

    /** One deployment's events, in order; run one at a time, interleaved with other deployments'. */
    private Deque<Runnable> deployment(Project project, int logBatches) {
        String id = "dpl_" + HexFormat.of().formatHex(bytes(8));
        String digest = "sha256:" + HexFormat.of().formatHex(bytes(32));
        String commit = HexFormat.of().formatHex(bytes(20));
        deploymentProjects.put(id, project.id);
        deploymentsStarted++;
        boolean fails = random.nextInt(25) == 0;
        Deque<Runnable> steps = new ArrayDeque<>();
        steps.add(() -> append(id, new BuildStarted(id, project.id, DeploymentTarget.PRODUCTION, new SourceRef("git",
                "https://git.example.com/" + project.name + ".git", "main", commit)), project.owner));
        steps.add(() -> append(id, new BuildClaimed(id, project.id, "worker-" + random.nextInt(4)), "system"));
        for (int i = 0; i < logBatches; i++) {
            steps.add(() -> append(id, new BuildLogRecorded(id, project.id, logLines(), false), "system"));
        }
        if (fails) {
            steps.add(() -> append(id, new BuildFailed(id, project.id, 1, "the build command exited with 1",
                    List.of("error TS2304: Cannot find name 'widget'.")), "system"));
            return steps;
        }
        steps.add(() -> append(id, new BuildSucceeded(id, project.id, digest, 40 + random.nextInt(400),
                1_000_000 + random.nextInt(20_000_000)), "system"));
        steps.add(() -> append(id, new PropagationRequested(id, project.id, digest, EDGES), "system"));
        for (String edge : EDGES) {
            steps.add(() -> append(id, new EdgeAcknowledged(id, project.id, edge, digest), "edge:" + edge));
        }
        steps.add(() -> append(id, new DeploymentReady(id, project.id, DeploymentTarget.PRODUCTION, EDGES), "system"));
        steps.add(() -> {
            append(project.id, new RoutingCutOver(project.id, id, project.live, CutoverReason.DEPLOY), "system");
            project.live = id;
            digests.put(id, digest);
            Deque<String> kept = ready.computeIfAbsent(project.id, p -> new ArrayDeque<>());
            kept.addFirst(id);
            if (kept.size() > RETAINED + 1) {
                digests.remove(kept.removeLast());
            }
        });
        return steps;
    }

    /** Every edge reports what it holds: each project's live deployment and the ones retained behind it. */
    private Deque<Runnable> holdings() {
        Deque<Runnable> steps = new ArrayDeque<>();
        for (String edge : EDGES) {
            steps.add(() -> append(edge, new EdgeHoldingsReported(edge, ready.values().stream()
                    .flatMap(Deque::stream).sorted().map(d -> new HeldDeployment(d, digests.get(d))).toList()),
                    "edge:" + edge));
        }
        return steps;
    }

    private List<LogLine> logLines() {
        List<LogLine> lines = new ArrayList<>();
        int count = 3 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String text = String.format(Locale.ROOT, LOG_TEXT[random.nextInt(LOG_TEXT.length)], random.nextInt(2000),
                    random.nextInt(500), random.nextInt(300));
            lines.add(new LogLine(clock, random.nextInt(10) == 0 ? "stderr" : "stdout", text));
        }
        return lines;
    }

    private void token(String tokenId, String subject, TokenKind kind, String edgeId, String token) {
        append(tokenId, new TokenIssued(tokenId, subject, kind, edgeId, "bench", hash(token)), ADMIN);
    }

    /**
     * Appends one event at the next point of the history's clock. Batched: {@link #flush()} writes what is
     * pending in one transaction.
     */
    void append(String aggregateId, Object event, String actor) {
        String correlation = UUID.randomUUID().toString();
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plus(step);
        pending.add(new GenericDomainEventMessage<>(aggregateType(event.getClass()), aggregateId, sequence, event,
                Map.of("actor", actor, "correlationId", correlation, "causationId", correlation,
                        "traceparent", "00-" + HexFormat.of().formatHex(bytes(16)) + "-"
                                + HexFormat.of().formatHex(bytes(8)) + "-01"),
                UUID.randomUUID().toString(), clock));
        written++;
        if (pending.size() >= BATCH) {
            flushUnchecked();
        }
    }

    /** The events of one more deployment, each to be written by {@link #now}; for the steady load. */
    Deque<Runnable> nextDeployment() {
        return deployment(pickProject(), 1);
    }

    /**
     * Runs {@code write} (one event of {@link #nextDeployment()}) stamped now and commits it in a transaction of
     * its own, as a command does; returns the event written.
     */
    Object now(Runnable write) throws SQLException {
        clock = Instant.now().minus(step);
        write.run();
        Object event = pending.getLast().getPayload();
        flush();
        return event;
    }

    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        engine.appendEvents(List.copyOf(pending));
        pending.clear();
        Connection c = connection.getConnection();
        c.commit();
    }

    private void flushUnchecked() {
        try {
            flush();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write events: " + e.getMessage(), e);
        }
    }

    int deploymentsStarted() {
        return deploymentsStarted;
    }

    @Override
    public void close() {
        connection.destroy();
    }

    private SealedSecret sealed() {
        return new SealedSecret("k2026", Base64.getEncoder().encodeToString(bytes(48)));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String regionOf(String edge) {
        return switch (edge) {
            case "syd" -> "Sydney";
            case "mel" -> "Melbourne";
            default -> "Singapore";
        };
    }

    /** The control plane's aggregates, by the package their events live in. */
    private static String aggregateType(Class<?> eventType) {
        String packageName = eventType.getPackageName();
        return switch (packageName.substring(packageName.lastIndexOf('.') + 1)) {
            case "project" -> "Project";
            case "deployment" -> "Deployment";
            case "edge" -> "Edge";
            case "access" -> "ApiToken";
            default -> throw new IllegalArgumentException("no aggregate stores " + eventType.getName());
        };
    }

    static String hash(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final String[] WORDS = {"shop", "blog", "docs", "api", "web", "admin", "store", "portal", "app",
        "landing", "status", "help", "news", "wiki", "forum", "cart", "pay", "auth", "search", "media"};
}
