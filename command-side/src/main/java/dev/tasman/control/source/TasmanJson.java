package dev.tasman.control.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads {@code tasman.json} at the root of a source, strictly: an unknown field or a value of the wrong
 * shape is refused with a sentence naming the field ({@code tasman.json: 'redirects[0].destination' is
 * required}), because a typo silently ignored becomes a routing bug in production.
 *
 * <p>Choices worth knowing: {@code redirects[i].permanent} defaults to true; {@code statusCode} (301,
 * 302, 307 or 308) may be given instead and only selects permanent (301, 308) or temporary (302, 307),
 * the edge picks the exact code. {@code spaFallback: true} means {@code "index.html"}. {@code $schema} is
 * accepted and ignored. Path patterns follow {@link RoutingRules.Redirect}: literal segments,
 * {@code :name} and a final {@code :name*}; regular expressions are not supported.
 */
public final class TasmanJson {

    public static final String FILE_NAME = "tasman.json";
    static final long MAX_BYTES = 1L << 20;
    static final int MAX_RULES = 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z_][A-Za-z0-9_]*\\*?");
    private static final String[] TOP = {"$schema", "installCommand", "buildCommand", "outputDirectory", "server",
        "headers", "redirects", "rewrites", "cleanUrls", "trailingSlash", "spaFallback"};

    private TasmanJson() {
    }

    /** The {@code tasman.json} at {@code sourceRoot}, or {@link TasmanConfig#none()} when there is none. */
    public static TasmanConfig read(Path sourceRoot) {
        Path file = sourceRoot.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return TasmanConfig.none();
        }
        if (!Files.isRegularFile(file)) {
            throw invalid("it must be a file at the root of the source");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid("the file is larger than " + SourceArchives.size(MAX_BYTES) + ", the most accepted");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw invalid("the file is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static TasmanConfig parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw invalid("the file is not valid JSON" + where + " (" + SourceTree.printable(e.getOriginalMessage())
                    + ")");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw invalid("the file must hold a JSON object, such as {\"outputDirectory\": \"dist\"}");
        }
        only(root, "", TOP);
        text(root, "", "$schema");
        RoutingRules routing = new RoutingRules(
                list(root, "headers", TasmanJson::headerRule),
                list(root, "redirects", TasmanJson::redirect),
                list(root, "rewrites", TasmanJson::rewrite),
                Boolean.TRUE.equals(bool(root, "", "cleanUrls")),
                bool(root, "", "trailingSlash"),
                spaFallback(root));
        return new TasmanConfig(command(root, "installCommand"), command(root, "buildCommand"),
                relativePath(root, "", "outputDirectory"), relativePath(root, "", "server"), routing);
    }

    private static RoutingRules.HeaderRule headerRule(JsonNode rule, String at) {
        only(rule, at, "source", "headers");
        String source = required(at, "source", text(rule, at, "source"));
        pattern(at + ".source", source);
        JsonNode headers = rule.get("headers");
        if (headers == null || headers.isNull() || headers.isArray() && headers.isEmpty()) {
            throw invalid("'" + at + ".headers' is required: a non-empty list of {\"key\": …, \"value\": …}");
        }
        return new RoutingRules.HeaderRule(source, list(rule, at, "headers", TasmanJson::header));
    }

    private static RoutingRules.Header header(JsonNode header, String at) {
        only(header, at, "key", "value");
        String key = required(at, "key", text(header, at, "key"));
        if (!HEADER_NAME.matcher(key).matches()) {
            throw invalid("'" + at + ".key' must be a header name (letters, digits and !#$%&'*+-.^_`|~), got '"
                    + SourceTree.printable(key) + "'");
        }
        JsonNode value = header.get("value");
        if (value == null || value.isNull()) {
            throw invalid("'" + at + ".value' is required");
        }
        String text = text(header, at, "value");
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw invalid("'" + at + ".value' must be one line: it may not contain line breaks or NUL");
        }
        return new RoutingRules.Header(key, text);
    }

    private static RoutingRules.Redirect redirect(JsonNode redirect, String at) {
        only(redirect, at, "source", "destination", "permanent", "statusCode");
        String source = required(at, "source", text(redirect, at, "source"));
        Set<String> parameters = pattern(at + ".source", source);
        String destination = required(at, "destination", text(redirect, at, "destination"));
        boolean url = destination.startsWith("https://") || destination.startsWith("http://");
        if (!url && !destination.startsWith("/") || destination.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw invalid("'" + at + ".destination' must be a path starting with '/' or an http(s) URL, without "
                    + "spaces or control characters, got '" + SourceTree.printable(destination) + "'");
        }
        if (!url) {
            uses(at + ".destination", destination, parameters);
        }
        Boolean permanent = bool(redirect, at, "permanent");
        JsonNode status = redirect.get("statusCode");
        if (status != null && !status.isNull()) {
            if (permanent != null) {
                throw invalid("'" + at + "' gives both 'permanent' and 'statusCode'; give one of them");
            }
            if (!status.isInt() || !Set.of(301, 302, 307, 308).contains(status.intValue())) {
                throw invalid("'" + at + ".statusCode' must be 301, 302, 307 or 308");
            }
            permanent = status.intValue() == 301 || status.intValue() == 308;
        }
        return new RoutingRules.Redirect(source, destination, permanent == null || permanent);
    }

    private static RoutingRules.Rewrite rewrite(JsonNode rewrite, String at) {
        only(rewrite, at, "source", "destination");
        String source = required(at, "source", text(rewrite, at, "source"));
        Set<String> parameters = pattern(at + ".source", source);
        String destination = required(at, "destination", text(rewrite, at, "destination"));
        if (!destination.startsWith("/") || destination.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw invalid("'" + at + ".destination' must be a path of this deployment starting with '/' (rewriting "
                    + "to another site is not supported), got '" + SourceTree.printable(destination) + "'");
        }
        uses(at + ".destination", destination, parameters);
        return new RoutingRules.Rewrite(source, destination);
    }

    /** Checks a path pattern and answers the parameter names it defines. */
    private static Set<String> pattern(String field, String source) {
        String expected = "a path pattern starting with '/' such as /blog/:slug or /docs/:rest*";
        if (!source.startsWith("/") || source.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '?' || c == '#')) {
            throw invalid("'" + field + "' must be " + expected + ", got '" + SourceTree.printable(source) + "'");
        }
        Set<String> names = new HashSet<>();
        String[] segments = source.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith(":")) {
                if (!PARAMETER.matcher(segment).matches() || segment.endsWith("*") && i < segments.length - 1) {
                    throw invalid("'" + field + "' has the parameter '" + SourceTree.printable(segment)
                            + "'; use :name for one segment, or :name* for the rest as the last segment");
                }
                if (!names.add(segment.replace("*", "").substring(1))) {
                    throw invalid("'" + field + "' names the parameter '" + segment + "' twice");
                }
            } else if (segment.matches(".*[*()\\[\\]{}+:].*")) {
                throw invalid("'" + field + "' must be " + expected
                        + " (wildcards and regular expressions are not supported), got '"
                        + SourceTree.printable(source) + "'");
            }
        }
        return names;
    }

    /** A destination path may use only the parameters its source defines. */
    private static void uses(String field, String destination, Set<String> parameters) {
        String path = destination.split("[?#]", 2)[0];
        for (String segment : path.split("/")) {
            if (segment.startsWith(":")) {
                String name = segment.substring(1).replace("*", "");
                if (!parameters.contains(name)) {
                    throw invalid("'" + field + "' uses ':" + SourceTree.printable(name)
                            + "', which its 'source' does not define");
                }
            }
        }
    }

    private static String spaFallback(JsonNode root) {
        JsonNode node = root.get("spaFallback");
        if (node == null || node.isNull() || node.isBoolean() && !node.booleanValue()) {
            return null;
        }
        if (node.isBoolean()) {
            return "index.html";
        }
        if (!node.isTextual()) {
            throw invalid("'spaFallback' must be the path of a file such as \"index.html\", true (meaning "
                    + "index.html) or false");
        }
        return relativePath(root, "", "spaFallback");
    }

    private static String command(JsonNode root, String name) {
        String command = text(root, "", name);
        if (command != null && (command.length() > 4096 || command.indexOf('\0') >= 0)) {
            throw invalid("'" + name + "' must be a command line of at most 4096 characters without NUL");
        }
        return command;
    }

    private static String relativePath(JsonNode parent, String at, String name) {
        String value = text(parent, at, name);
        if (value == null) {
            return null;
        }
        boolean climbs = Arrays.asList(value.split("[/\\\\]")).contains("..");
        if (value.isEmpty() || value.length() > 255 || value.startsWith("/") || value.startsWith("\\") || climbs
                || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid("'" + path(at, name) + "' must be a relative path inside the source without '..', got '"
                    + SourceTree.printable(value) + "'");
        }
        return value;
    }

    private static <T> List<T> list(JsonNode root, String name, BiFunction<JsonNode, String, T> element) {
        return list(root, "", name, element);
    }

    private static <T> List<T> list(JsonNode parent, String at, String name, BiFunction<JsonNode, String, T> element) {
        JsonNode node = parent.get(name);
        String field = path(at, name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("'" + field + "' must be a list");
        }
        if (node.size() > MAX_RULES) {
            throw invalid("'" + field + "' has " + node.size() + " entries; at most " + MAX_RULES + " are accepted");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String item = field + "[" + i + "]";
            if (!node.get(i).isObject()) {
                throw invalid("'" + item + "' must be an object");
            }
            items.add(element.apply(node.get(i), item));
        }
        return List.copyOf(items);
    }

    private static void only(JsonNode object, String at, String... allowed) {
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid("unknown field '" + SourceTree.printable(path(at, name)) + "'; expected only: "
                        + String.join(", ", Arrays.stream(allowed).sorted().toList()));
            }
        }
    }

    private static String text(JsonNode parent, String at, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("'" + path(at, name) + "' must be a string");
        }
        return node.textValue();
    }

    private static Boolean bool(JsonNode parent, String at, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid("'" + path(at, name) + "' must be true or false");
        }
        return node.booleanValue();
    }

    private static String required(String at, String name, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid("'" + path(at, name) + "' is required");
        }
        return value;
    }

    private static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private static Refused invalid(String problem) {
        return Refused.invalid("tasman.json", "tasman.json: " + problem);
    }
}
