package io.tokenhook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed page's sample hook, kept once in {@code bench/seed-hook.js} so the tests, the JMH benchmark and the
 * load run all use the very code the page shows.
 */
public final class SeedHook {
    public static final String SCRIPT = read();

    private SeedHook() {}

    private static String read() {
        try {
            return Files.readString(Path.of("bench", "seed-hook.js"));
        } catch (IOException e) {
            throw new UncheckedIOException("bench/seed-hook.js is missing (run from the project root)", e);
        }
    }
}
