package dev.tasman.cli.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's parameters: the options a person gave, each encoded, the ones not given left out. */
public final class QueryString {

    private final Map<String, String> parameters = new LinkedHashMap<>();

    public QueryString add(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parameters.put(name, value.toString());
        }
        return this;
    }

    /** {@code path?a=1&b=2}, or {@code path} alone without parameters. */
    public String on(String path) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Form-encoded, but commas and colons stay as they are (legal in a query), so a trace reads easily. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",")
                .replace("%3A", ":");
    }
}
