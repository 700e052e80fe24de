package dev.tasman.edge.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A redirect or rewrite destination compiled against its source pattern: literal text, and the path
 * segments {@code :name} / {@code :name*} replaced by what the source matched. Only names the source
 * defines are replaced, so {@code https://example.com:8443/x} keeps its port. Query and fragment are
 * kept as written.
 */
final class Destination {

    private final List<String> literals = new ArrayList<>(); // literals.get(i) comes before parameter i
    private final List<Integer> parameters = new ArrayList<>();
    private final String tail;   // the last literal of the path
    private final String query;  // after '?', without it; null when the destination has none
    private final String fragment; // from '#', with it; "" when none

    private Destination(String destination, List<String> names) {
        int hash = destination.indexOf('#');
        fragment = hash < 0 ? "" : destination.substring(hash);
        String beforeFragment = hash < 0 ? destination : destination.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        query = question < 0 ? null : beforeFragment.substring(question + 1);
        String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        int authority = path.indexOf("://");
        int slash = authority < 0 ? 0 : path.indexOf('/', authority + 3);
        int start = slash < 0 ? path.length() : slash; // where the path proper begins, after any scheme://host
        StringBuilder literal = new StringBuilder(path.substring(0, start));
        String[] segments = path.substring(start).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                literal.append('/');
            }
            String segment = segments[i];
            int index = segment.startsWith(":") ? names.indexOf(segment.substring(1).replace("*", "")) : -1;
            if (index < 0) {
                literal.append(segment);
            } else {
                literals.add(literal.toString());
                parameters.add(index);
                literal.setLength(0);
            }
        }
        tail = literal.toString();
    }

    static Destination compile(String destination, List<String> names) {
        return new Destination(destination, names);
    }

    /** The destination's path with {@code values} put in, each passed through {@code encode}. */
    String path(String[] values, UnaryOperator<String> encode) {
        if (parameters.isEmpty()) {
            return tail;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            out.append(literals.get(i)).append(encode.apply(values[parameters.get(i)]));
        }
        return out.append(tail).toString();
    }

    /** The full URL for a redirect: the path, the destination's query joined with the request's, the fragment. */
    String url(String[] values, String requestQuery) {
        StringBuilder out = new StringBuilder(path(values, Locations::encodePath));
        boolean hasRequestQuery = requestQuery != null && !requestQuery.isEmpty();
        if (query != null) {
            out.append('?').append(query);
            if (hasRequestQuery) {
                out.append(query.isEmpty() ? "" : "&").append(requestQuery);
            }
        } else if (hasRequestQuery) {
            out.append('?').append(requestQuery);
        }
        return out.append(fragment).toString();
    }
}
