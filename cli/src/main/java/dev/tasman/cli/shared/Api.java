package dev.tasman.cli.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The control plane's REST API with the caller's bearer token. Every failure becomes a {@link Failure}
 * with one sentence: the problem's {@code detail} for a refusal, "Cannot reach the Tasman API at …" when
 * the server cannot be reached. With {@code --debug} each exchange is traced on stderr, the token redacted.
 */
public final class Api {

    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final int TRACED_BODY = 4000;

    private final Context context;
    private final URI base;
    private final String token;
    private final String name;
    private final HttpClient http;

    Api(Context context, URI base, String token) {
        this(context, base, token, "Tasman API");
    }

    private Api(Context context, URI base, String token, String name) {
        this.context = context;
        this.base = base;
        this.token = token;
        this.name = name;
        // HTTP/1.1: the control plane is plain HTTP, where the client's h2c upgrade attempt gains nothing.
        // No redirects: a redirect to another host must not carry the token there.
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER);
        if (!"https".equalsIgnoreCase(base.getScheme())) {
            withoutTls(client);
        }
        this.http = client.build();
    }

    /**
     * For a plain-http API (a local platform) the client never speaks TLS, so it gets an SSL context that
     * is never initialized: the default one loads the CA certificates, a good part of the start-up time.
     */
    private static void withoutTls(HttpClient.Builder client) {
        try {
            client.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
        } catch (NoSuchAlgorithmException unavailable) {
            // keep the default context
        }
    }

    /** A response with a 2xx status. */
    public record Reply(int status, String body) {

        public JsonNode json() {
            JsonNode json = Json.parse(body);
            if (json == null) {
                throw new Failure("The Tasman API answered HTTP " + status + " with a body that is not JSON.");
            }
            return json;
        }
    }

    /** One Server-Sent Event: its name ({@code message} when none was given) and its data. */
    public record Event(String name, String data) {
    }

    /**
     * Another part of the same platform (the query side) reached with the same token; {@code name} is how
     * messages call it ("Cannot reach the Tasman query side at …").
     */
    public Api sibling(URI url, String name) {
        return new Api(context, url, token, name);
    }

    /** The base URL as the person gave it, for messages. */
    public String url() {
        return base.toString();
    }

    public Reply get(String path) {
        return send(request(path).GET(), null, false);
    }

    public Reply post(String path, Object json) {
        return sendJson("POST", path, json, false);
    }

    /** PUT a JSON body; a {@code secret} body (a variable's value) never appears in a trace. */
    public Reply put(String path, Object json, boolean secret) {
        return sendJson("PUT", path, json, secret);
    }

    public Reply delete(String path) {
        return send(request(path).DELETE(), null, false);
    }

    /** POST a file as the body (a source archive), without a time limit for the answer. */
    public Reply upload(String path, Path file, String contentType) {
        try {
            HttpRequest.Builder request = request(path).timeout(Duration.ofMinutes(30))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file));
            return send(request, "(" + java.nio.file.Files.size(file) + " bytes of " + contentType + ")", false);
        } catch (IOException e) {
            throw new Failure("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * Reads a Server-Sent Events stream until the server ends it, handing each event to {@code onEvent}.
     * Comments (heartbeats) are skipped.
     */
    public void events(String path, Consumer<Event> onEvent) {
        EventLines events = new EventLines(onEvent);
        lines(path, "text/event-stream", "(event stream)", events);
    }

    /**
     * Reads the answer line by line as it comes (an event stream, JSON Lines), handing each line to
     * {@code onLine}, until the server ends it.
     */
    public void lines(String path, String accept, Consumer<String> onLine) {
        lines(path, accept, "(" + accept + ")", onLine);
    }

    private void lines(String path, String accept, String traced, Consumer<String> onLine) {
        HttpRequest request = request(path).setHeader("Accept", accept).GET().build();
        trace(request, null, false);
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted while waiting for the " + name + ".", e);
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                String body = String.join("\n", lines.toList());
                traceResponse(response.statusCode(), body, started);
                throw refusal(response.statusCode(), body);
            }
            traceResponse(response.statusCode(), traced, started);
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                onLine.accept(iterator.next());
            }
        } catch (java.io.UncheckedIOException e) {
            throw unreachable(e.getCause());
        }
    }

    /** Server-Sent Events from lines: {@code event:} and {@code data:} fields, dispatched at a blank line. */
    private static final class EventLines implements Consumer<String> {

        private final Consumer<Event> onEvent;
        private final StringBuilder data = new StringBuilder();
        private String name;

        EventLines(Consumer<Event> onEvent) {
            this.onEvent = onEvent;
        }

        @Override
        public void accept(String line) {
            if (line.isEmpty()) {
                if (!data.isEmpty() || name != null) {
                    onEvent.accept(new Event(name == null ? "message" : name, data.toString()));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = field(line, 6);
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(field(line, 5));
            }
        }
    }

    private static String field(String line, int start) {
        return line.startsWith(" ", start) ? line.substring(start + 1) : line.substring(start);
    }

    private Reply sendJson(String method, String path, Object json, boolean secret) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return send(request, null, false);
        }
        String body = Json.write(json);
        request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(request, body, secret);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(stripSlash(base.toString()) + path)).timeout(ANSWER)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("User-Agent", "tasman-cli/" + Version.current());
    }

    private Reply send(HttpRequest.Builder builder, String body, boolean secret) {
        HttpRequest request = builder.build();
        trace(request, body, secret);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted while waiting for the " + name + ".", e);
        }
        traceResponse(response.statusCode(), response.body(), started);
        if (response.statusCode() / 100 != 2) {
            throw refusal(response.statusCode(), response.body());
        }
        return new Reply(response.statusCode(), response.body());
    }

    /**
     * A refusal in the API's own words: the problem's {@code detail}, else its {@code title}. A body that
     * is no problem at all means the URL is probably not a Tasman API, and the message says so.
     */
    Refusal refusal(int status, String body) {
        JsonNode problem = Json.parse(body);
        String detail = Json.text(problem, "detail", null);
        if (detail == null || detail.isBlank()) {
            detail = Json.text(problem, "title", null);
        }
        if (detail == null || detail.isBlank()) {
            return new Refusal(status, "The server at " + url() + " answered HTTP " + status
                    + " without saying why; is " + url() + " the " + name + "?");
        }
        String line = oneLine(detail);
        return new Refusal(status, status == 401 ? Sentences.end(line) + " Log in again with `tasman login`." : line);
    }

    /** The API answered, and said no: a 4xx or 5xx with its problem's detail as the message. */
    public static final class Refusal extends Failure {

        private final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    Failure unreachable(Throwable e) {
        return new Failure("Cannot reach the " + name + " at " + url() + ": " + reason(e) + ".", e);
    }

    static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + ANSWER.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SSLException) {
            return "the TLS handshake failed (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : oneLine(message).toLowerCase(Locale.ROOT);
    }

    private void trace(HttpRequest request, String body, boolean secret) {
        if (!context.debug()) {
            return;
        }
        context.trace("> " + request.method() + " " + request.uri());
        request.headers().map().forEach((name, values) -> context.trace("> " + name + ": "
                + (name.equalsIgnoreCase("Authorization") ? "Bearer (redacted)" : String.join(", ", values))));
        if (body != null) {
            context.trace("> " + (secret ? "(body redacted: it holds a secret)" : truncate(body)));
        }
    }

    private void traceResponse(int status, String body, long started) {
        if (context.debug()) {
            context.trace("< HTTP " + status + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            if (body != null && !body.isEmpty()) {
                context.trace("< " + truncate(body));
            }
        }
    }

    private static String truncate(String body) {
        return body.length() <= TRACED_BODY ? body : body.substring(0, TRACED_BODY) + "... ("
                + body.length() + " characters)";
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Checks a base URL: http or https with a host. */
    public static URI base(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // said below
        }
        throw new Failure("'" + url + "' is not the URL of a Tasman API: give one like http://127.0.0.1:7070.");
    }

    /** The same server: URLs equal up to a trailing slash and the case of scheme and host. */
    static boolean sameServer(String a, String b) {
        return stripSlash(a.trim()).equalsIgnoreCase(stripSlash(b.trim()));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code raw} as one URL path segment. */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
