package dev.tasman.query.logs;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tasman.api.Json;
import dev.tasman.query.shared.QueryProperties;
import dev.tasman.query.shared.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch side of the query side: one client with short timeouts, and the dated indices of each kind
 * ({@code <prefix>-logs-2026.11.22}), each created from an index template with explicit mappings and read through
 * an alias ({@code <prefix>-logs}). The templates are put in place in the background, again and again until
 * Elasticsearch answers, so the app starts (and the dashboard serves) whether or not it is up; nothing is
 * written before they are in place, so no index is ever created with guessed mappings. Retention deletes whole
 * dated indices (the node has no ILM and no delete-by-query).
 */
@Component
public class Indices implements SmartLifecycle {

    /** The kinds of dated index; the name is part of index, template and alias names. */
    public enum Kind {
        LOGS, REQUESTS, MINUTES;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Indices.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    private final QueryProperties.Elasticsearch settings;
    private final String shownUrl;
    private final RestClient rest;
    private final ElasticsearchClient client;
    private volatile boolean templatesInPlace;
    private volatile Instant retentionRan = Instant.EPOCH;
    private volatile String lastProblem;
    private volatile ScheduledExecutorService loop;

    Indices(QueryProperties properties) {
        this.settings = properties.elasticsearch();
        URI uri = URI.create(settings.url());
        this.shownUrl = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        var builder = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort(),
                uri.getScheme())).setRequestConfigCallback(c -> c.setConnectTimeout(timeout)
                        .setSocketTimeout(timeout).setConnectionRequestTimeout(timeout));
        if (uri.getRawUserInfo() != null) {
            // user:password in the URL, for a cluster with security on; never logged (shownUrl leaves it out)
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)))});
        }
        this.rest = builder.build();
        this.client = new ElasticsearchClient(new RestClientTransport(rest,
                new JacksonJsonpMapper(Json.mapper().setSerializationInclusion(JsonInclude.Include.NON_NULL))));
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** The alias readers use for {@code kind}: every dated index of it. */
    public String alias(Kind kind) {
        return settings.indexPrefix() + "-" + kind.label();
    }

    /** The dated index a document of {@code kind} at {@code time} (UTC day) is written to. */
    public String index(Kind kind, Instant time) {
        return alias(kind) + "-" + DAY.format(time);
    }

    public int retentionDays() {
        return settings.retentionDays();
    }

    /**
     * Before writing: the templates are in place, or are put there now. Throws a 503 refusal saying Elasticsearch
     * cannot be reached when they cannot.
     */
    public void ready() {
        if (!templatesInPlace) {
            try {
                putTemplates();
            } catch (IOException | ElasticsearchException e) {
                throw unavailable(e);
            }
        }
    }

    /**
     * A document Elasticsearch refused: its place in the list written, the status, the kind of error and why
     * (the reason may quote the document).
     */
    public record Refusal(int position, int status, String type, String reason) {

        /** Refused for now (overloaded, a shard not ready): the same write may work later. */
        public boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    /**
     * Writes {@code documents} in one bulk request (templates first, see {@link #ready()}) and returns those
     * refused one by one. Throws a 503 refusal when the request as a whole failed.
     */
    public List<Refusal> write(List<Document> documents) {
        ready();
        if (documents.isEmpty()) {
            return List.of();
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> {
                for (Document d : documents) {
                    b.operations(op -> op.index(i -> i.index(index(d.kind(), d.time())).id(d.id())
                            .document(d.source())));
                }
                return b;
            });
        } catch (IOException | ElasticsearchException e) {
            throw unavailable(e);
        }
        List<Refusal> refused = new ArrayList<>();
        if (response.errors()) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).error() != null) {
                    refused.add(new Refusal(i, items.get(i).status(), items.get(i).error().type(),
                            items.get(i).error().reason()));
                }
            }
        }
        return refused;
    }

    /** What to tell a caller (503) when Elasticsearch failed them. */
    public Refused unavailable(Exception failure) {
        if (failure instanceof ElasticsearchException refused) {
            return Refused.unavailable("Elasticsearch at " + shownUrl + " cannot take this now (" + refused.status()
                    + " " + refused.error().type() + "); logs, metrics and telemetry answer again once it can.");
        }
        return Refused.unavailable("Elasticsearch at " + shownUrl + " is unreachable (" + cause(failure) + "); logs, "
                + "metrics and telemetry answer again once it is back, the dashboard keeps working meanwhile.");
    }

    /**
     * Deletes the dated indices of every kind whose day is more than {@link #retentionDays()} before today (UTC).
     * Returns the names deleted.
     */
    public List<String> applyRetention() throws IOException {
        LocalDate oldestKept = LocalDate.now(ZoneOffset.UTC).minusDays(settings.retentionDays());
        List<String> expired = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String prefix = alias(kind) + "-";
            for (String name : client.indices().get(g -> g.index(prefix + "*").ignoreUnavailable(true)
                    .allowNoIndices(true)).result().keySet()) {
                try {
                    if (LocalDate.parse(name.substring(prefix.length()), DateTimeFormatter.ofPattern("uuuu.MM.dd"))
                            .isBefore(oldestKept)) {
                        expired.add(name);
                    }
                } catch (DateTimeParseException notOurs) {
                    // an index someone else named like ours: not ours to delete
                }
            }
        }
        for (String name : expired) {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
            log.info("Deleted index {}: older than the retention of {} days", name, settings.retentionDays());
        }
        retentionRan = Instant.now();
        return expired;
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("elasticsearch-indices").daemon(true).factory());
        long every = settings.retryInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::maintain, 0, every, TimeUnit.MILLISECONDS);
        loop = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = loop;
        loop = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            rest.close();
        } catch (IOException e) {
            log.debug("Closing the Elasticsearch client failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** The background loop: templates until they are in place, then retention every hour. */
    private void maintain() {
        try {
            if (!templatesInPlace) {
                putTemplates();
            }
            if (Duration.between(retentionRan, Instant.now()).compareTo(RETENTION_EVERY) >= 0) {
                applyRetention();
            }
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            String problem = unavailable(e).getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("{} Trying again every {} s.", problem, settings.retryInterval().toSeconds());
            }
            lastProblem = problem;
        }
    }

    private synchronized void putTemplates() throws IOException {
        if (templatesInPlace) {
            return;
        }
        for (Kind kind : Kind.values()) {
            String body = template(kind).replace("{index}", alias(kind));
            client.indices().putIndexTemplate(PutIndexTemplateRequest.of(b -> b.withJson(new StringReader(body))
                    .name(alias(kind))));
        }
        templatesInPlace = true;
        log.info("Elasticsearch at {} has the index templates of {}-logs, -requests and -minutes", shownUrl,
                settings.indexPrefix());
    }

    private static String template(Kind kind) throws IOException {
        try (InputStream in = new ClassPathResource("elasticsearch/" + kind.label() + ".json").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The outage in words, without class names or stack traces: it is shown to callers. */
    private String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (root instanceof java.net.SocketTimeoutException || root instanceof java.util.concurrent.TimeoutException
                || root instanceof org.apache.http.conn.ConnectTimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return root.getMessage() == null ? "no answer" : root.getMessage().lines().findFirst().orElse("no answer");
    }
}
