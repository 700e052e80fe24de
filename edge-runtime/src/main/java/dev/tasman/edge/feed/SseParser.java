package dev.tasman.edge.feed;

/**
 * Server-Sent Events framing, line by line (lines already split on CR, LF or CRLF): {@code id},
 * {@code event} and {@code data} fields, a blank line ends a message, {@code :} starts a comment
 * (heartbeats). Several data lines join with '\n', as the SSE specification says.
 */
final class SseParser {

    private final Handler handler;
    private String id;
    private String event;
    private StringBuilder data;

    SseParser(Handler handler) {
        this.handler = handler;
    }

    void line(String line) throws Exception {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // "retry" and unknown fields: nothing this reader uses
            }
        }
    }

    private void dispatch() throws Exception {
        try {
            if (data != null) {
                handler.message(id, event == null ? "message" : event, data.toString());
            }
        } finally {
            event = null;
            data = null;
        }
    }

    @FunctionalInterface
    interface Handler {
        void message(String id, String event, String data) throws Exception;
    }
}
