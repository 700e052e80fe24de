package dev.tasman.edge.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * A manifest path pattern ({@code /blog/:slug}, {@code /docs/:rest*}) compiled once per deployment and
 * matched by walking the path in place: no regular expression and no split per request. A single
 * trailing slash on either side is not significant, so {@code /about/} matches {@code /about}.
 * {@code :name*} matches the rest of the path, possibly nothing ({@code /docs} matches
 * {@code /docs/:rest*} with rest empty). The control plane ({@code TasmanJson}) only lets through
 * whole-segment parameters with a {@code *} on the last one, so other shapes are taken literally here.
 */
final class PathPattern {

    private static final String[] NO_VALUES = new String[0];

    private final String[] literals; // null where the segment is a parameter
    private final boolean rest;      // the last segment is :name*
    private final List<String> names;

    private PathPattern(String source) {
        String body = source.length() > 1 && source.endsWith("/") ? source.substring(1, source.length() - 1)
                : source.substring(Math.min(1, source.length()));
        String[] segments = body.split("/", -1);
        literals = new String[segments.length];
        List<String> parameters = new ArrayList<>();
        boolean last = false;
        for (int i = 0; i < segments.length; i++) {
            String name = parameter(segments[i], i == segments.length - 1);
            if (name == null) {
                literals[i] = segments[i];
            } else {
                parameters.add(name);
                last = segments[i].endsWith("*");
            }
        }
        names = List.copyOf(parameters);
        rest = last;
    }

    static PathPattern compile(String source) {
        return new PathPattern(source);
    }

    /** The parameter names in order: {@link #match} answers their values in the same order. */
    List<String> names() {
        return names;
    }

    /** The parameter values if {@code path} (decoded, starting with '/') matches, else null. */
    String[] match(String path) {
        int end = path.length() > 1 && path.charAt(path.length() - 1) == '/' ? path.length() - 1 : path.length();
        String[] values = names.isEmpty() ? NO_VALUES : new String[names.size()];
        int value = 0;
        int pos = 1;
        for (int i = 0; i < literals.length; i++) {
            if (rest && i == literals.length - 1) {
                values[value] = pos < end ? path.substring(pos, end) : "";
                return values;
            }
            if (pos > end) {
                return null;
            }
            int slash = path.indexOf('/', pos);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            String literal = literals[i];
            if (literal == null) {
                if (segmentEnd == pos) {
                    return null;
                }
                values[value++] = path.substring(pos, segmentEnd);
            } else if (literal.length() != segmentEnd - pos || !path.startsWith(literal, pos)) {
                return null;
            }
            pos = segmentEnd + 1;
        }
        return pos > end ? values : null;
    }

    /** {@code :name} or, as the last segment, {@code :name*}: the name; otherwise null (a literal). */
    private static String parameter(String segment, boolean last) {
        boolean star = last && segment.endsWith("*");
        int end = star ? segment.length() - 1 : segment.length();
        if (segment.length() < 2 || segment.charAt(0) != ':' || end < 2) {
            return null;
        }
        for (int i = 1; i < end; i++) {
            char c = segment.charAt(i);
            boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 1 && c >= '0' && c <= '9';
            if (!ok) {
                return null;
            }
        }
        return segment.substring(1, end);
    }
}
