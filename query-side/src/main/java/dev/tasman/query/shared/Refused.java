package dev.tasman.query.shared;

/** A request that cannot be answered, with a sentence for the person who sent it: 400, 404, 409 or 503. */
public class Refused extends RuntimeException {

    public enum Kind {
        /** A parameter is malformed or out of range (400); {@link #field()} names it. */
        INVALID,
        /** What it names does not exist, or is not the caller's to see (404). */
        NOT_FOUND,
        /** It clashes with what is going on (409). */
        CONFLICT,
        /** A service it needs cannot answer now; asking again later may work (503). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String field;

    private Refused(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public static Refused invalid(String field, String message) {
        return new Refused(Kind.INVALID, field, message);
    }

    public static Refused notFound(String message) {
        return new Refused(Kind.NOT_FOUND, null, message);
    }

    public static Refused conflict(String message) {
        return new Refused(Kind.CONFLICT, null, message);
    }

    public static Refused unavailable(String message) {
        return new Refused(Kind.UNAVAILABLE, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request parameter at fault, or null. */
    public String field() {
        return field;
    }
}
