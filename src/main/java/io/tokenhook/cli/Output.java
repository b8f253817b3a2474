package io.tokenhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command prints: aligned tables and {@code Key: value} blocks for people, the Management API's JSON
 * with {@code -o json} for scripts, and ANSI colour only when {@link CliEnvironment#colour()} allows it.
 * Human messages go to standard output, or to standard error when the output is JSON so that it stays parseable.
 */
final class Output {
    enum Format { table, json }

    enum Style {
        BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36");

        final String code;

        Style(String code) {
            this.code = code;
        }
    }

    /** A table cell with a colour. */
    record Cell(String text, Style style) {}

    private static final ObjectWriter PRETTY = Http.JSON.writerWithDefaultPrettyPrinter();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean colour;
    private final Format format;

    Output(PrintWriter out, PrintWriter err, boolean colour, Format format) {
        this.out = out;
        this.err = err;
        this.colour = colour;
        this.format = format;
    }

    boolean json() {
        return format == Format.json;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    String style(String text, Style style) {
        return colour && style != null && !text.isEmpty() ? "\u001b[" + style.code + "m" + text + "\u001b[0m" : text;
    }

    static Cell cell(String text, Style style) {
        return new Cell(text, style);
    }

    /** With {@code -o json}, prints {@code value} and returns true: the command is then done. */
    boolean printedAsJson(JsonNode value) {
        if (!json()) return false;
        printJson(value);
        return true;
    }

    /** Prints {@code value} as indented JSON. */
    void printJson(JsonNode value) {
        try {
            out.println(PRETTY.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** A line for a person: standard output, or standard error under {@code -o json}. */
    void message(String line) {
        PrintWriter target = json() ? err : out;
        target.println(line);
        target.flush();
    }

    /** A confirmation that something changed, with a green tick on a terminal. */
    void done(String line) {
        message(colour ? style("\u2713", Style.GREEN) + " " + line : line);
    }

    void warn(String line) {
        err.println(style("Warning: ", Style.YELLOW) + line);
        err.flush();
    }

    /** Prints {@code Key:  value} lines, keys aligned. */
    void fields(List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 1;
        for (String[] r : rows) out.println(style(pad(r[0] + ":", width), Style.BOLD) + "  " + (r[1] == null ? "" : r[1]));
        out.flush();
    }

    /** A table with these column headers. */
    Table table(String... headers) {
        return new Table(headers);
    }

    final class Table {
        private final String[] headers;
        private final List<Cell[]> rows = new ArrayList<>();

        private Table(String[] headers) {
            this.headers = headers;
        }

        /** Adds a row; each value is a {@link Cell} or its text. */
        Table row(Object... values) {
            var cells = new Cell[headers.length];
            for (int i = 0; i < headers.length; i++) {
                Object v = i < values.length ? values[i] : null;
                cells[i] = v instanceof Cell c ? c : new Cell(v == null ? "" : oneLine(v.toString()), null);
            }
            rows.add(cells);
            return this;
        }

        /** Prints the table, or {@code empty} instead when it has no rows. */
        void print(String empty) {
            if (rows.isEmpty()) {
                message(empty);
                return;
            }
            int[] widths = new int[headers.length];
            for (int i = 0; i < headers.length; i++) widths[i] = headers[i].length();
            for (Cell[] r : rows) for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].text().length());
            var header = new StringBuilder();
            for (int i = 0; i < headers.length; i++) header.append(style(last(i) ? headers[i] : pad(headers[i], widths[i]), Style.BOLD)).append(last(i) ? "" : "  ");
            out.println(header.toString().stripTrailing());
            for (Cell[] r : rows) {
                var line = new StringBuilder();
                for (int i = 0; i < r.length; i++) line.append(style(last(i) ? r[i].text() : pad(r[i].text(), widths[i]), r[i].style())).append(last(i) ? "" : "  ");
                out.println(line.toString().stripTrailing());
            }
            out.flush();
        }

        private boolean last(int i) {
            return i == headers.length - 1;
        }
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
