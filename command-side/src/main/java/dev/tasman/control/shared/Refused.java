package dev.tasman.control.shared;

/**
 * A command or request that cannot be carried out, with a sentence for the person who sent it.
 * Thrown before anything is applied, so nothing is half-changed. The web layer turns the kind into
 * 400, 404 or 409.
 */
public class Refused extends RuntimeException {

    public enum Kind {
        /** The input itself is malformed or out of range (400). */
        INVALID,
        /** What it names does not exist (404). */
        NOT_FOUND,
        /** It clashes with the current state (409). */
        CONFLICT
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

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
