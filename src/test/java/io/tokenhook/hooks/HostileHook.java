package io.tokenhook.hooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One hostile hook of {@code src/test/resources/hostile-hooks}: its script and what its header says must happen
 * (the header format is described in that directory's README.md).
 *
 * @param overrun  the hook runs an operation the runtime cannot interrupt: its answer may come well after the deadline
 * @param refused  what the Management API answers when it refuses to save the script; null when it saves it
 */
record HostileHook(String name, String script, int exchanges, List<Expected> expected, Map<String, String> secrets,
                   boolean consoleCapped, boolean overrun, String refused) {

    static final Path DIR = Path.of("src", "test", "resources", "hostile-hooks");

    /* "// @claim#2 NAME VALUE": a directive, the exchange it is limited to, its argument */
    private static final Pattern DIRECTIVE = Pattern.compile("^// @([a-z-]+)(?:#(\\d+))?(?: (.*))?$");

    /**
     * What one exchange must answer.
     *
     * @param descriptions for an error: the alternatives, each literal text, {@code timeout}, {@code budget}, or a
     *                     prefix ending in {@code ...}
     * @param claims       claim name to expected JSON, with {@code {client}} and {@code {previous}} still in it
     */
    record Expected(int status, String error, List<String> descriptions, Map<String, String> claims,
                    Set<String> absentClaims) {}

    /** Every hostile hook, in file name order. */
    static List<HostileHook> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".js")).sorted()
                    .map(HostileHook::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the header in words: what the hook attempts and what must happen. */
    static String prose(String script) {
        StringBuilder prose = new StringBuilder();
        for (String line : script.lines().takeWhile(l -> l.startsWith("//")).toList()) {
            if (!line.startsWith("// @")) prose.append(line).append('\n');
        }
        return prose.toString();
    }

    private static HostileHook read(Path file) {
        try {
            String name = file.getFileName().toString().replaceFirst("\\.js$", "");
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HostileHook parse(String name, String script) {
        int exchanges = 1;
        boolean consoleCapped = false;
        boolean overrun = false;
        String refused = null;
        Map<Integer, String> expects = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String[]> claims = new ArrayList<>();
        for (String line : script.lines().takeWhile(l -> l.startsWith("//")).toList()) {
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) continue;
            int only = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            String argument = m.group(3) == null ? "" : m.group(3).trim();
            switch (m.group(1)) {
                case "exchanges" -> exchanges = Integer.parseInt(argument);
                case "expect" -> expects.put(only, argument);
                case "claim", "no-claim" -> claims.add(new String[] {m.group(1), String.valueOf(only), argument});
                case "secret" -> secrets.put(argument.split(" ", 2)[0], argument.split(" ", 2)[1]);
                case "console-capped" -> consoleCapped = true;
                case "overrun" -> overrun = true;
                case "refused" -> refused = argument;
                default -> throw new IllegalArgumentException(name + ": unknown directive " + line);
            }
        }
        if (expects.isEmpty() && refused == null) throw new IllegalArgumentException(name + " has no @expect line");
        List<Expected> expected = new ArrayList<>();
        for (int i = 1; i <= exchanges; i++) {
            String expect = expects.getOrDefault(i, expects.get(0));
            if (expect == null && refused == null) throw new IllegalArgumentException(name + ": no @expect for exchange " + i);
            expected.add(refused != null ? null : expected(expect, claims, i));
        }
        return new HostileHook(name, script, exchanges, expected, Map.copyOf(secrets), consoleCapped, overrun, refused);
    }

    private static Expected expected(String expect, List<String[]> claimLines, int exchange) {
        String[] parts = expect.split(" ", 3);
        Map<String, String> claims = new LinkedHashMap<>();
        Set<String> absent = new LinkedHashSet<>();
        for (String[] claim : claimLines) {
            int only = Integer.parseInt(claim[1]);
            if (only != 0 && only != exchange) continue;
            if (claim[0].equals("no-claim")) {
                absent.add(claim[2]);
            } else {
                String[] nameAndValue = claim[2].split(" ", 2);
                claims.put(nameAndValue[0], nameAndValue[1]);
            }
        }
        List<String> descriptions = parts.length < 3 ? List.of() : List.of(parts[2].split(" \\| "));
        return new Expected(Integer.parseInt(parts[0]), parts.length < 2 ? null : parts[1], descriptions, claims, absent);
    }

    @Override
    public String toString() {
        return name;
    }
}
