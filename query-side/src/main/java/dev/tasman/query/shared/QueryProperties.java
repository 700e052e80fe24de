package dev.tasman.query.shared;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the query side, under {@code tasman.query}. All but the database have defaults for a
 * local run; the database is the control plane's own (the event store is read from it).
 *
 * @param dataDirectory local files of the query side; everything it keeps today is in PostgreSQL, so nothing is
 *                      written here yet
 * @param database      the control plane's PostgreSQL: its event store is read, schema {@code query} is ours
 * @param pollInterval  how often the event store is asked for new events (the control plane is another process,
 *                      so there is nothing to wake the query side but polling)
 * @param batchSize     events per transaction while following the store
 * @param replay        how read models are rebuilt
 * @param streams       live progress streams (Server-Sent Events)
 * @param elasticsearch where logs, the deployment timeline and request telemetry are indexed
 */
@ConfigurationProperties("tasman.query")
public record QueryProperties(Path dataDirectory, Database database, Duration pollInterval, Integer batchSize,
        Replay replay, Streams streams, Elasticsearch elasticsearch) {

    public QueryProperties {
        dataDirectory = dataDirectory == null ? Path.of(".tasman-local", "query") : dataDirectory;
        database = database == null ? new Database(null, null, null) : database;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        replay = replay == null ? new Replay(null, null) : replay;
        streams = streams == null ? new Streams(null, null) : streams;
        elasticsearch = elasticsearch == null ? new Elasticsearch(null, null, null, null, null) : elasticsearch;
    }

    /** A JDBC URL ({@code jdbc:postgresql://host:port/db}); user and password may also be URL parameters. */
    public record Database(String url, String username, String password) {
    }

    /**
     * @param batchSize     events per transaction while a replay rebuilds a read model
     * @param checkInterval how often a running replay's progress is recorded and its switch-over is tried
     */
    public record Replay(Integer batchSize, Duration checkInterval) {

        public Replay {
            batchSize = batchSize == null ? 1000 : batchSize;
            checkInterval = checkInterval == null ? Duration.ofMillis(500) : checkInterval;
        }
    }

    /**
     * @param heartbeat how often an idle stream sends a comment, so proxies keep it open
     * @param timeout   how long one stream stays open at most (clients reconnect)
     */
    public record Streams(Duration heartbeat, Duration timeout) {

        public Streams {
            heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }

    /**
     * @param url           the node or cluster, {@code http://host:port}
     * @param indexPrefix   every index, template and alias name starts with it ({@code tasman-logs-2026.11.22})
     * @param retentionDays dated indices older than this many days are deleted
     * @param timeout       longest wait for one request (connect and answer): an outage must not hold a
     *                      request thread or the processor for long
     * @param retryInterval how often the index templates are tried again while Elasticsearch cannot be reached
     *                      (retention runs hourly once they are in place)
     */
    public record Elasticsearch(String url, String indexPrefix, Integer retentionDays, Duration timeout,
            Duration retryInterval) {

        public Elasticsearch {
            url = url == null || url.isBlank() ? "http://127.0.0.1:9200" : url.strip();
            indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? "tasman" : indexPrefix.strip();
            retentionDays = retentionDays == null ? 14 : retentionDays;
            timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
            retryInterval = retryInterval == null ? Duration.ofSeconds(5) : retryInterval;
        }
    }
}
