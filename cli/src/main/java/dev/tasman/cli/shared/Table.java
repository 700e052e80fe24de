package dev.tasman.cli.shared;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned by their widest cell, two spaces apart; the header in bold on a terminal. */
public final class Table {

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(headers);
    }

    public Table row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(headers.length + " cells expected, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : cell).toArray(String[]::new));
        return this;
    }

    public List<String> lines(Style style) {
        int[] widths = new int[headers.length];
        for (int column = 0; column < headers.length; column++) {
            widths[column] = headers[column].length();
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(style.bold(line(headers, widths)));
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    public void print(PrintWriter out, Style style) {
        lines(style).forEach(out::println);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            boolean last = column == cells.length - 1;
            line.append(last ? cells[column] : pad(cells[column], widths[column] + 2));
        }
        return line.toString().stripTrailing();
    }

    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
