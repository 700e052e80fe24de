package dev.tasman.control.origin;

import java.io.IOException;

/** A blob offered under a SHA-256 its bytes do not have: refused, nothing stored. */
public class ContentMismatch extends IOException {

    private final String expected;
    private final String actual;

    public ContentMismatch(String expected, String actual) {
        super("The content hashes to " + actual + ", not to the SHA-256 it was offered under (" + expected
                + "); it was not stored. Was the file changed while it was being stored?");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
