package dev.tasman.edge.sync;

/** A deployment could not be taken in; {@link Kind} says whether to tell the control plane, and how soon to retry. */
final class SyncFailed extends Exception {

    enum Kind {
        /** What arrived did not verify (manifest digest or signature, a blob's SHA-256): a quick retry won't help. */
        REJECTED,
        /** Origin answered 4xx (e.g. no such blob): something is wrong at the source. */
        REFUSED,
        /** The network, or a 5xx: a later attempt may well succeed. */
        UNAVAILABLE
    }

    private final Kind kind;

    private SyncFailed(String reason, Kind kind) {
        super(reason);
        this.kind = kind;
    }

    static SyncFailed rejected(String reason) {
        return new SyncFailed(reason, Kind.REJECTED);
    }

    static SyncFailed refused(String reason) {
        return new SyncFailed(reason, Kind.REFUSED);
    }

    static SyncFailed unavailable(String reason) {
        return new SyncFailed(reason, Kind.UNAVAILABLE);
    }

    Kind kind() {
        return kind;
    }

    /** Worth a report to the control plane: it is about the deployment, not about the network. */
    boolean reportable() {
        return kind != Kind.UNAVAILABLE;
    }
}
