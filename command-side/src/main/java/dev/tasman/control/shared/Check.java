package dev.tasman.control.shared;

import java.net.URI;
import java.util.regex.Pattern;

/** Shape checks shared by the API and the aggregates; each failure names the field and what was expected. */
public final class Check {

    /** A DNS label: what a project name must be to serve as {@code <name>.<edge domain>}. */
    public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    public static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    public static final Pattern EDGE_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    public static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Check() {
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Refused.invalid(field, "'" + field + "' is required");
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw Refused.invalid(field, "'" + field + "' is required");
        }
        return value;
    }

    public static String matches(String field, String value, Pattern pattern, String expected) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw Refused.invalid(field, "'" + field + "' must be " + expected + ", got '" + abbreviate(value) + "'");
        }
        return value;
    }

    public static String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw Refused.invalid(field, "'" + field + "' may be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    public static String projectName(String field, String value) {
        return matches(field, value, DNS_LABEL,
                "1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit");
    }

    /** A fully qualified host name: at least two labels, lowercase, at most 253 characters. */
    public static String domain(String field, String value) {
        required(field, value);
        String expected = "a host name such as www.example.com (lowercase labels of letters, digits and hyphens)";
        if (value.length() > 253 || value.endsWith(".") || !value.contains(".")) {
            throw Refused.invalid(field, "'" + field + "' must be " + expected + ", got '" + abbreviate(value) + "'");
        }
        for (String label : value.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw Refused.invalid(field, "'" + field + "' must be " + expected + ", got '" + abbreviate(value) + "'");
            }
        }
        return value;
    }

    public static String httpUrl(String field, String value) {
        required(field, value);
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid(field, "'" + field + "' must be an http(s) URL such as https://syd.edge.example.com, got '"
                + abbreviate(value) + "'");
    }

    /** A path inside the source tree: relative, no '..' segments. */
    public static String relativePath(String field, String value) {
        if (value == null) {
            return null;
        }
        maxLength(field, value, 255);
        String normalized = value.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("(^|.*/)\\.\\.(/.*|$)") || normalized.contains("\0")) {
            throw Refused.invalid(field, "'" + field + "' must be a relative path inside the project without '..', got '"
                    + abbreviate(value) + "'");
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
