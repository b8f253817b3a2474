package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The user's CLI configuration: profiles in {@code config.json} and cached Management API tokens in
 * {@code tokens.json}, both mode 0600 in a directory of mode 0700 ({@link CliEnvironment#configDir()}).
 * {@code TOKENHOOK_URL}, {@code TOKENHOOK_CLIENT_ID} and {@code TOKENHOOK_CLIENT_SECRET} override the profile;
 * {@code --profile} or {@code TOKENHOOK_PROFILE} choose it. A profile keeps the CA file it logged in with
 * ({@code ca_file}); {@code TOKENHOOK_CA_FILE} overrides it ({@link CliEnvironment#caFile(Path)}).
 */
final class CliConfig {
    static final String DEFAULT_PROFILE = "default";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment env;
    private final Path dir;

    CliConfig(CliEnvironment env) {
        this.env = env;
        this.dir = env.configDir();
    }

    Path configFile() {
        return dir.resolve("config.json");
    }

    Path tokenFile() {
        return dir.resolve("tokens.json");
    }

    /** The profile to use: the named (or default) stored profile, with environment variables over it. */
    Profile resolve(String requested) {
        String name = requested != null ? requested : env.get("TOKENHOOK_PROFILE");
        ObjectNode config = read(configFile());
        String chosen = name != null ? name : config.path("default").asText(DEFAULT_PROFILE);
        JsonNode stored = config.path("profiles").path(chosen);
        String url = env.get("TOKENHOOK_URL");
        String clientId = env.get("TOKENHOOK_CLIENT_ID");
        String secret = env.get("TOKENHOOK_CLIENT_SECRET");
        if (url != null && clientId != null && secret != null) {
            return new Profile(null, Urls.base(url), clientId, secret, null, null);
        }
        if (stored.isMissingNode()) {
            if (name != null) {
                var known = new TreeSet<String>();
                config.path("profiles").fieldNames().forEachRemaining(known::add);
                throw CliException.usage("no profile named '" + name + "'" + (known.isEmpty() ? "" : " (profiles: " + String.join(", ", known) + ")")
                        + "; run: tokenhook login --profile " + name + " --url URL --client-id ID --client-secret SECRET");
            }
            throw CliException.usage("not logged in: run 'tokenhook login --url URL --client-id ID --client-secret SECRET'"
                    + " or set TOKENHOOK_URL, TOKENHOOK_CLIENT_ID and TOKENHOOK_CLIENT_SECRET");
        }
        boolean overridden = url != null || clientId != null || secret != null;
        return new Profile(overridden ? null : chosen, url != null ? Urls.base(url) : stored.path("url").asText(),
                clientId != null ? clientId : stored.path("client_id").asText(),
                secret != null ? secret : stored.path("client_secret").asText(),
                url == null ? stored.path("audience").asText(null) : null,
                url == null ? caFile(stored) : null);
    }

    /** Stores {@code profile}; the first profile stored becomes the default. */
    void save(Profile profile) {
        ObjectNode config = read(configFile());
        ObjectNode profiles = config.has("profiles") ? (ObjectNode) config.get("profiles") : config.putObject("profiles");
        ObjectNode p = profiles.putObject(profile.name());
        p.put("url", profile.url());
        p.put("client_id", profile.clientId());
        p.put("client_secret", profile.clientSecret());
        if (profile.audience() != null) p.put("audience", profile.audience());
        if (profile.caFile() != null) p.put("ca_file", profile.caFile().toString());
        if (!config.has("default")) config.put("default", profile.name());
        write(configFile(), config);
    }

    /** Removes the named (or default) profile and its cached tokens; returns the name removed, if any. */
    Optional<String> remove(String requested) {
        ObjectNode config = read(configFile());
        String name = requested != null ? requested : env.get("TOKENHOOK_PROFILE");
        if (name == null) name = config.path("default").asText(DEFAULT_PROFILE);
        JsonNode profiles = config.path("profiles");
        if (!profiles.has(name)) return Optional.empty();
        JsonNode p = profiles.get(name);
        ((ObjectNode) profiles).remove(name);
        if (name.equals(config.path("default").asText())) {
            config.remove("default");
            profiles.fieldNames().forEachRemaining(n -> { if (!config.has("default")) config.put("default", n); });
        }
        write(configFile(), config);
        dropToken(new Profile(name, p.path("url").asText(), p.path("client_id").asText(), p.path("client_secret").asText(),
                p.path("audience").asText(null), caFile(p)));
        return Optional.of(name);
    }

    /** A cached Management API token of {@code profile} that is valid until after {@code notAfter}. */
    Optional<String> cachedToken(Profile profile, Instant notAfter) {
        JsonNode entry = read(tokenFile()).path(cacheKey(profile));
        if (!entry.isObject() || entry.path("expires_at").asLong() <= notAfter.getEpochSecond()) return Optional.empty();
        return Optional.ofNullable(entry.path("access_token").asText(null));
    }

    void storeToken(Profile profile, String token, Instant expiresAt, Instant now) {
        ObjectNode tokens = read(tokenFile());
        var expired = new TreeSet<String>();
        tokens.fields().forEachRemaining(e -> { if (e.getValue().path("expires_at").asLong() <= now.getEpochSecond()) expired.add(e.getKey()); });
        tokens.remove(expired);
        tokens.putObject(cacheKey(profile)).put("access_token", token).put("expires_at", expiresAt.getEpochSecond());
        write(tokenFile(), tokens);
    }

    void dropToken(Profile profile) {
        if (!Files.exists(tokenFile())) return;
        ObjectNode tokens = read(tokenFile());
        if (tokens.remove(cacheKey(profile)) != null) write(tokenFile(), tokens);
    }

    private static Path caFile(JsonNode profile) {
        String file = profile.path("ca_file").asText(null);
        return file == null ? null : Path.of(file);
    }

    /** Tokens are cached per server, client and secret, so a changed secret never reuses an old token. */
    private static String cacheKey(Profile p) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (p.url() + "\n" + p.clientId() + "\n" + p.clientSecret()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode read(Path file) {
        if (!Files.exists(file)) return JSON.createObjectNode();
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node instanceof ObjectNode o) return o;
            throw CliException.failure(file + " is not a JSON object; fix or delete it");
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code file} atomically with mode 0600, creating the directory with mode 0700. */
    private void write(Path file, JsonNode content) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setMode(dir, "rwx------");
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            setMode(tmp, "rw-------");
            Files.write(tmp, JSON.writeValueAsBytes(content));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw CliException.failure("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the user's profile directory protects the file
        }
    }
}
