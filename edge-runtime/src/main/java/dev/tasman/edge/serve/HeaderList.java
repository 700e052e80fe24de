package dev.tasman.edge.serve;

import io.undertow.util.HeaderValues;

/**
 * Walks the elements of comma-separated header values ({@code Accept-Encoding}, {@code If-None-Match})
 * in place: after each {@link #next()}, {@link #header} holds the value and {@link #start}..{@link #end}
 * the element without surrounding blanks. Splitting would allocate on every request for no gain.
 */
final class HeaderList {

    private final HeaderValues values;
    private int value = -1;
    private int position;
    String header;
    int start;
    int end;

    HeaderList(HeaderValues values) {
        this.values = values;
    }

    boolean next() {
        while (header == null || position > header.length()) {
            value++;
            if (values == null || value >= values.size()) {
                return false;
            }
            header = values.get(value);
            position = 0;
        }
        int comma = header.indexOf(',', position);
        int elementEnd = comma < 0 ? header.length() : comma;
        start = position;
        while (start < elementEnd && blank(header.charAt(start))) {
            start++;
        }
        end = elementEnd;
        while (end > start && blank(header.charAt(end - 1))) {
            end--;
        }
        position = elementEnd + 1;
        return true;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }
}
