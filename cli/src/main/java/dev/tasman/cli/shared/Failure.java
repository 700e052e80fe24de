package dev.tasman.cli.shared;

/**
 * What went wrong, in one sentence for the person who ran the command (STYLE 14): the message is printed
 * as it is, on one line, and the exit code says whether the operation failed (1) or the command line was
 * wrong (2). A stack trace is printed only with {@code --debug}.
 */
public class Failure extends RuntimeException {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public Failure(String message) {
        this(message, FAILED, null);
    }

    public Failure(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    private Failure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command line itself is wrong: exit code 2, like an unknown flag. */
    public static Failure usage(String message) {
        return new Failure(message, USAGE, null);
    }

    public static Failure notLoggedIn() {
        return new Failure("Not logged in: run `tasman login` or set TASMAN_URL and TASMAN_TOKEN.");
    }

    public int exitCode() {
        return exitCode;
    }
}
