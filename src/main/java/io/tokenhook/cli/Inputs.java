package io.tokenhook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What users hand the CLI besides flags: files or standard input, and {@code KEY=VALUE} pairs. */
final class Inputs {
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    static final int MAX_SECRETS = 20;

    private Inputs() {}

    /**
     * The text of {@code file}: {@code -} reads standard input, and so does no file at all when standard input is
     * not a terminal (as the legacy CLI did); a terminal without a file is a usage error naming {@code what}.
     */
    static String read(String file, CliEnvironment env, String what) {
        String text;
        if ("-".equals(file) || (file == null && !env.interactive())) {
            try {
                text = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("cannot read standard input: " + e.getMessage());
            }
        } else if (file == null) {
            throw CliException.usage("missing " + what + ": give a FILE, or - to read standard input");
        } else {
            text = readFile(Path.of(file));
        }
        if (text.isBlank()) throw CliException.usage("the " + what + " is empty");
        return text;
    }

    static String readFile(Path path) {
        try {
            if (Files.isDirectory(path)) throw CliException.usage("cannot read " + path + ": it is a directory");
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** {@code KEY=VALUE} pairs, in order; a pair without {@code =} or with an empty key is a usage error. */
    static Map<String, String> pairs(List<String> pairs, String kind) {
        var out = new LinkedHashMap<String, String>();
        if (pairs == null) return out;
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw CliException.usage("invalid " + kind + " '" + pair + "': expected KEY=VALUE");
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /**
     * Hook secrets from {@code -s KEY=VALUE} flags and a secrets file ({@code KEY=VALUE} lines; blank lines,
     * {@code #} comments, {@code export} and surrounding quotes allowed), checked as the server checks them.
     */
    static Map<String, String> secrets(List<String> flags, Path file) {
        var secrets = new LinkedHashMap<String, String>();
        if (file != null) {
            String[] lines = readFile(file).split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("export ")) line = line.substring(7).strip();
                int eq = line.indexOf('=');
                if (eq <= 0) throw CliException.usage(file + ":" + (i + 1) + ": expected KEY=VALUE");
                secrets.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
        }
        secrets.putAll(pairs(flags, "secret"));
        secrets.forEach((name, value) -> {
            if (!SECRET_NAME.matcher(name).matches()) {
                throw CliException.usage("invalid secret name '" + name + "': use 1-128 letters, digits, '_', '-' or '.'");
            }
            if (value.length() > 4096) throw CliException.usage("the value of secret " + name + " is longer than 4096 characters");
        });
        if (secrets.size() > MAX_SECRETS) throw CliException.usage("a hook can have at most " + MAX_SECRETS + " secrets");
        return secrets;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** {@code value} as a shell word: as is when safe, else in single quotes. */
    static String shellWord(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
