package io.tokenhook.hooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The allowlist of pure-JS modules hooks may {@code require}: {@code <dir>/<name>/index.js} and
 * {@code <dir>/@scope/<name>/index.js}, read once at start. A module is one self-contained file (bundle it);
 * it gets the same {@code require}, so modules may require each other but nothing else.
 */
final class HookModules {

    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*");

    private HookModules() {}

    /** Module name to source; empty when {@code dir} is null or missing. */
    static Map<String, String> load(Path dir) {
        Map<String, String> modules = new TreeMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return modules;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith("@") && Files.isDirectory(entry)) {
                    try (Stream<Path> scoped = Files.list(entry)) {
                        for (Path inner : scoped.sorted().toList()) {
                            add(modules, name + "/" + inner.getFileName(), inner);
                        }
                    }
                } else {
                    add(modules, name, entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hook modules from " + dir, e);
        }
        return modules;
    }

    private static void add(Map<String, String> modules, String name, Path moduleDir) throws IOException {
        Path index = moduleDir.resolve("index.js");
        if (NAME.matcher(name).matches() && Files.isRegularFile(index)) {
            modules.put(name, Files.readString(index, StandardCharsets.UTF_8));
        }
    }
}
