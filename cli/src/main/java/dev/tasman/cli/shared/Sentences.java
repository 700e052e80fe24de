package dev.tasman.cli.shared;

/** Messages read as sentences: one line, a capital first, a full stop last (not two). */
public final class Sentences {

    private Sentences() {
    }

    public static String of(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
        if (line.isEmpty()) {
            return line;
        }
        line = Character.toUpperCase(line.charAt(0)) + line.substring(1);
        return end(line);
    }

    /** {@code text} with a full stop, unless it already ends like a sentence. */
    public static String end(String text) {
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }
}
