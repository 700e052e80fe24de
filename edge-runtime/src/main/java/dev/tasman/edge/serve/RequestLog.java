package dev.tasman.edge.serve;

/**
 * Where each answered site request is reported once its response is complete, e.g. request telemetry.
 * It is called on the thread that completed the exchange, often an IO thread serving many
 * connections: an implementation must hand the request off and return, never wait for anything.
 */
@FunctionalInterface
public interface RequestLog {

    /** Reports nothing: an edge without telemetry. */
    RequestLog NONE = request -> {
    };

    void served(ServedRequest request);
}
