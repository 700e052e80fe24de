package dev.tasman.cli.shared;

/** Bold and colours for people at a terminal; the same text without escape codes for everyone else. */
public final class Style {

    private static final Style PLAIN = new Style(false);

    private final boolean colour;

    public Style(boolean colour) {
        this.colour = colour;
    }

    public static Style plain() {
        return PLAIN;
    }

    /**
     * Colour only for a person at a terminal: stdout is a terminal, TERM is not {@code dumb}, NO_COLOR is
     * not set (no-color.org: any non-empty value) and the output is not {@code --json}.
     */
    static boolean colourWanted(boolean terminal, String term, String noColor, boolean json) {
        return terminal && !json && !"dumb".equals(term) && (noColor == null || noColor.isEmpty());
    }

    public boolean colour() {
        return colour;
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    private String wrap(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
