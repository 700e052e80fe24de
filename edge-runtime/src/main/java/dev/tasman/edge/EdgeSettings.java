package dev.tasman.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every setting of an edge, documented here and nowhere else in code (the module README repeats this
 * table). Each is {@code --name=value} on the command line or {@code TASMAN_EDGE_<NAME>} in the
 * environment; the command line wins. All but the token and the public key have defaults for a
 * single edge on this machine.
 *
 * <table>
 * <caption>Edge settings</caption>
 * <tr><th>argument</th><th>environment</th><th>default</th><th>meaning</th></tr>
 * <tr><td>--id</td><td>TASMAN_EDGE_ID</td><td>local</td><td>this edge's id, as registered with the control plane</td></tr>
 * <tr><td>--region</td><td>TASMAN_EDGE_REGION</td><td>local</td><td>its region (logs and the user agent)</td></tr>
 * <tr><td>--control-plane</td><td>TASMAN_EDGE_CONTROL_PLANE</td><td>http://127.0.0.1:8080</td><td>the control plane's base URL</td></tr>
 * <tr><td>--token-file</td><td>TASMAN_EDGE_TOKEN_FILE</td><td>none</td><td>file holding the edge token; else the token itself in TASMAN_EDGE_TOKEN. Never logged</td></tr>
 * <tr><td>--public-key</td><td>TASMAN_EDGE_PUBLIC_KEY</td><td>none</td><td>the control plane's manifest key: base64 X.509 DER, as {@code GET /v1/keys} lists it</td></tr>
 * <tr><td>--public-key-file</td><td>TASMAN_EDGE_PUBLIC_KEY_FILE</td><td>none</td><td>the same key from a file (base64 or PEM); give one of the two</td></tr>
 * <tr><td>--data</td><td>TASMAN_EDGE_DATA</td><td>.tasman-edge/&lt;id&gt;</td><td>data directory: state.json, manifests/, blobs/; one edge per directory</td></tr>
 * <tr><td>--port</td><td>TASMAN_EDGE_PORT</td><td>8081</td><td>HTTP port (0: any free port; EDGE READY names it)</td></tr>
 * <tr><td>--bind</td><td>TASMAN_EDGE_BIND</td><td>127.0.0.1</td><td>address to listen on (0.0.0.0 for every interface)</td></tr>
 * <tr><td>--domain</td><td>TASMAN_EDGE_DOMAIN</td><td>localhost</td><td>edge domain: project {@code hello} is served at {@code hello.<domain>}</td></tr>
 * <tr><td>--retain</td><td>TASMAN_EDGE_RETAIN</td><td>5</td><td>deployments kept per project besides the live one (at least 5)</td></tr>
 * <tr><td>--blob-fetches</td><td>TASMAN_EDGE_BLOB_FETCHES</td><td>8</td><td>blob downloads at once (1–64)</td></tr>
 * <tr><td>--heartbeat-timeout</td><td>TASMAN_EDGE_HEARTBEAT_TIMEOUT</td><td>45</td><td>seconds without a byte on the feed before reconnecting (3× its heartbeat)</td></tr>
 * <tr><td>--telemetry-url</td><td>TASMAN_EDGE_TELEMETRY_URL</td><td>none (off)</td><td>the query side's base URL request telemetry is shipped to; without it telemetry is off</td></tr>
 * <tr><td>--telemetry-buffer-bytes</td><td>TASMAN_EDGE_TELEMETRY_BUFFER_BYTES</td><td>67108864 (64 MiB)</td><td>the most telemetry kept on disk while the query side is away; the oldest goes first beyond it</td></tr>
 * <tr><td>--telemetry-interval</td><td>TASMAN_EDGE_TELEMETRY_INTERVAL</td><td>5</td><td>seconds between writes of request records to disk and shipments (1–300)</td></tr>
 * </table>
 *
 * @param token the edge token; {@link #toString()} leaves it out
 */
public record EdgeSettings(String id, String region, URI controlPlane, String token, PublicKey publicKey, Path data,
        int port, String bind, String domain, int retain, int blobFetches, Duration heartbeatTimeout, URI telemetryUrl,
        long telemetryBufferBytes, Duration telemetryInterval) {

    /** Argument name → one line of help; its environment name is {@code TASMAN_EDGE_} + NAME_IN_UPPER_SNAKE. */
    private static final Map<String, String> SETTINGS = settings(
            "id", "this edge's id, as registered with the control plane [local]",
            "region", "its region, for logs [local]",
            "control-plane", "the control plane's base URL [http://127.0.0.1:8080]",
            "token-file", "file holding the edge token (or the token itself in TASMAN_EDGE_TOKEN)",
            "public-key", "the control plane's manifest key, base64 X.509 DER as GET /v1/keys lists it",
            "public-key-file", "the same key from a file (base64 or PEM)",
            "data", "data directory [.tasman-edge/<id>]",
            "port", "HTTP port, 0 for any free one [8081]",
            "bind", "address to listen on [127.0.0.1]",
            "domain", "edge domain: project hello is served at hello.<domain> [localhost]",
            "retain", "deployments kept per project besides the live one, at least 5 [5]",
            "blob-fetches", "blob downloads at once, 1-64 [8]",
            "heartbeat-timeout", "seconds of feed silence before reconnecting [45]",
            "telemetry-url", "the query side's base URL for request telemetry [none: telemetry off]",
            "telemetry-buffer-bytes", "most bytes of telemetry kept on disk while unshipped [67108864]",
            "telemetry-interval", "seconds between telemetry writes and shipments, 1-300 [5]");
    private static final Pattern EDGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    @Override
    public String toString() {
        return "EdgeSettings[id=" + id + ", region=" + region + ", controlPlane=" + controlPlane + ", data=" + data
                + ", port=" + port + ", bind=" + bind + ", domain=" + domain + ", retain=" + retain + ", blobFetches="
                + blobFetches + ", heartbeatTimeout=" + heartbeatTimeout + ", telemetryUrl=" + telemetryUrl
                + ", telemetryBufferBytes=" + telemetryBufferBytes + ", telemetryInterval=" + telemetryInterval + "]";
    }

    /** The address to put in a URL: IPv6 literals in brackets. */
    public String urlHost() {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** One line per setting, for {@code --help}. */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar edge-runtime-exec.jar [--name=value ...]\n"
                + "Each setting may also come from the environment as TASMAN_EDGE_<NAME>; arguments win.\n");
        SETTINGS.forEach((name, help) -> text.append(String.format("  --%-19s %-30s %s%n", name, environment(name),
                help)));
        return text.toString();
    }

    /**
     * Reads the settings from {@code --name=value} arguments and the environment, reading the token and
     * key files they name. Every problem is an {@link Invalid} whose message is one sentence for the operator.
     */
    public static EdgeSettings parse(List<String> args, Map<String, String> env) throws Invalid {
        Map<String, String> given = arguments(args);
        Function<String, String> setting = name -> blankToNull(given.containsKey(name) ? given.get(name)
                : env.get(environment(name)));
        String id = or(setting.apply("id"), "local");
        if (!EDGE_ID.matcher(id).matches()) {
            throw new Invalid("--id '" + id + "' is not an edge id: letters, digits, '-' and '_', up to 63, e.g. syd");
        }
        String region = or(setting.apply("region"), "local");
        URI controlPlane = baseUrl("control-plane", or(setting.apply("control-plane"), "http://127.0.0.1:8080"));
        String token = token(setting.apply("token-file"), env);
        PublicKey key = publicKey(given, env);
        Path data = path("data", or(setting.apply("data"), ".tasman-edge/" + id));
        int port = number("port", setting.apply("port"), 8081, 0, 65535);
        String bind = bind(or(setting.apply("bind"), "127.0.0.1"));
        String domain = or(setting.apply("domain"), "localhost").toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new Invalid("--domain '" + domain + "' is not a domain name; expected e.g. localhost or"
                    + " edge.example.com");
        }
        int retain = number("retain", setting.apply("retain"), 5, 5, 10_000);
        int blobFetches = number("blob-fetches", setting.apply("blob-fetches"), 8, 1, 64);
        int heartbeat = number("heartbeat-timeout", setting.apply("heartbeat-timeout"), 45, 1, 3600);
        String telemetry = setting.apply("telemetry-url");
        URI telemetryUrl = telemetry == null ? null : baseUrl("telemetry-url", telemetry);
        long bufferBytes = bytes("telemetry-buffer-bytes", setting.apply("telemetry-buffer-bytes"),
                64L * 1024 * 1024, 1024L * 1024, 1L << 40);
        int interval = number("telemetry-interval", setting.apply("telemetry-interval"), 5, 1, 300);
        return new EdgeSettings(id, region, controlPlane, token, key, data, port, bind, domain, retain, blobFetches,
                Duration.ofSeconds(heartbeat), telemetryUrl, bufferBytes, Duration.ofSeconds(interval));
    }

    private static Map<String, String> arguments(List<String> args) throws Invalid {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new Invalid("'" + arg + "' is not a setting; write each as --name=value (--help lists them)");
            }
            String name = arg.substring(2, equals);
            if (!SETTINGS.containsKey(name)) {
                throw new Invalid("--" + name + " is not a setting; known: "
                        + SETTINGS.keySet().stream().map(n -> "--" + n).collect(Collectors.joining(", ")));
            }
            given.put(name, arg.substring(equals + 1));
        }
        return given;
    }

    private static URI baseUrl(String name, String value) throws Invalid {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new Invalid("--" + name + " '" + value + "' is not an http(s) base URL; expected e.g."
                + " http://127.0.0.1:" + ("control-plane".equals(name) ? "8080" : "8090"));
    }

    private static String token(String tokenFile, Map<String, String> env) throws Invalid {
        String token;
        String source;
        if (tokenFile != null) {
            source = "the token file " + tokenFile;
            try {
                token = Files.readString(path("token-file", tokenFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new Invalid("cannot read the edge token from --token-file " + tokenFile + " (" + why(e)
                        + "); give a readable file holding the edge token");
            }
        } else {
            source = "TASMAN_EDGE_TOKEN";
            token = blankToNull(env.get("TASMAN_EDGE_TOKEN"));
            if (token == null) {
                throw new Invalid("no edge token: give --token-file=<file holding it> or set TASMAN_EDGE_TOKEN to the"
                        + " token the control plane issued for this edge");
            }
            token = token.strip();
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new Invalid("the edge token in " + source + " is empty or holds spaces or control characters;"
                    + " it must be the token exactly as issued");
        }
        return token;
    }

    private static PublicKey publicKey(Map<String, String> given, Map<String, String> env) throws Invalid {
        boolean fromArgs = given.containsKey("public-key") || given.containsKey("public-key-file");
        Map<String, String> source = fromArgs ? given : env;
        String inline = blankToNull(source.get(fromArgs ? "public-key" : environment("public-key")));
        String file = blankToNull(source.get(fromArgs ? "public-key-file" : environment("public-key-file")));
        if (inline != null && file != null) {
            throw new Invalid("give the control plane's public key once: --public-key or --public-key-file, not both");
        }
        if (inline == null && file == null) {
            throw new Invalid("no control plane public key: give --public-key=<base64> (keys[0].publicKey of GET"
                    + " <control plane>/v1/keys) or --public-key-file=<file>; the edge trusts only manifests it"
                    + " signed");
        }
        String text = inline;
        String where = "--public-key";
        if (file != null) {
            where = "--public-key-file " + file;
            try {
                text = Files.readString(path("public-key-file", file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new Invalid("cannot read the public key from " + where + " (" + why(e) + ")");
            }
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Invalid("the key in " + where + " is not an Ed25519 public key in base64 X.509 DER; copy"
                    + " keys[0].publicKey from GET <control plane>/v1/keys");
        }
    }

    private static String bind(String value) throws Invalid {
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException | SecurityException e) {
            throw new Invalid("--bind '" + value + "' is not an address of this machine; expected e.g. 127.0.0.1"
                    + " or 0.0.0.0");
        }
    }

    private static int number(String name, String value, int fallback, int min, int max) throws Invalid {
        return (int) whole(name, value, fallback, min, max, "a whole number");
    }

    private static long bytes(String name, String value, long fallback, long min, long max) throws Invalid {
        return whole(name, value, fallback, min, max, "a number of bytes");
    }

    private static long whole(String name, String value, long fallback, long min, long max, String what)
            throws Invalid {
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid("--" + name + " '" + value + "' must be " + what + " from " + min + " to " + max
                + " (default " + fallback + ")");
    }

    private static Path path(String name, String value) throws Invalid {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new Invalid("--" + name + " '" + value + "' is not a usable path (" + e.getReason() + ")");
        }
    }

    private static String why(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    static String environment(String name) {
        return "TASMAN_EDGE_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    /** A setting that cannot be used; the message is the one line the operator sees. */
    public static final class Invalid extends Exception {

        public Invalid(String message) {
            super(message);
        }
    }
}
