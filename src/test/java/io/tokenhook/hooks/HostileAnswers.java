package io.tokenhook.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.support.TestServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How {@link HookSandboxEscapeTest} judges the answer to a hostile hook's exchange: the OAuth envelope and description
 * its header expects, or a token whose server-owned claims are intact; and nothing in it that must never leave the
 * server.
 *
 * @param deadline   the hook deadline as the runtime writes it ({@code 500ms})
 * @param neverShown values no answer may contain: other hooks' secrets and cache, client and admin secrets
 */
record HostileAnswers(String issuer, String audience, String deadline, List<String> neverShown) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /* Java class names and stack frames: an answer that has them leaked the runtime's insides. */
    private static final Pattern INTERNALS =
            Pattern.compile("(java|javax|sun|com\\.oracle|org\\.graalvm|io\\.tokenhook)\\.[a-z]|\\tat |Exception");

    /** Checks {@code answer} to {@code clientId}'s exchange; {@code previous} is the client of the one before, or null. */
    void check(HostileHook.Expected expected, Response answer, String hookName, String clientId, String previous) {
        String text = answer.text();
        assertThat(answer.status()).as(text).isEqualTo(expected.status());
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(text).doesNotContain(neverShown);
        assertThat(INTERNALS.matcher(text).find()).as(text).isFalse();
        if (expected.status() != 200) {
            JsonNode body = answer.json();
            assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("error", "error_description");
            assertThat(body.get("error").asText()).isEqualTo(expected.error());
            String description = body.get("error_description").asText();
            assertThat(expected.descriptions()).as("'%s' is one of the expected descriptions", description)
                    .anyMatch(alternative -> describes(alternative, description, hookName));
            return;
        }
        JsonNode claims = claims(answer);
        assertServerClaims(claims, clientId);
        expected.claims().forEach((name, json) -> assertThat(claims.get(name)).as(name)
                .isEqualTo(read(json.replace("{client}", clientId).replace("{previous}", String.valueOf(previous)))));
        expected.absentClaims().forEach(name -> assertThat(claims.has(name)).as(name).isFalse());
    }

    /** Whether {@code answer} is the runtime's deadline failure for {@code hookName}. */
    boolean passedDeadline(Response answer, String hookName) {
        return answer.status() == 500 && answer.text().contains(timeout(hookName));
    }

    /** The claims of the access token in a 200 answer (its payload, read without checking the signature). */
    static JsonNode claims(Response answer) {
        String token = answer.json().get("access_token").asText();
        return read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private boolean describes(String alternative, String description, String hookName) {
        return switch (alternative) {
            case "timeout" -> description.equals(timeout(hookName));
            case "budget" -> description.equals("Hook " + hookName + " exceeded its memory budget of 64 MB");
            default -> alternative.endsWith("...")
                    ? description.startsWith(alternative.substring(0, alternative.length() - 3))
                    : description.equals(alternative);
        };
    }

    private String timeout(String hookName) {
        return "Hook " + hookName + " exceeded its " + deadline + " execution time";
    }

    /** Whatever the hook returned, the claims the server owns are the server's. */
    private void assertServerClaims(JsonNode claims, String clientId) {
        assertThat(claims.get("iss").asText()).isEqualTo(issuer);
        assertThat(claims.get("sub").asText()).isEqualTo(clientId + "@clients");
        assertThat(claims.get("aud").asText()).isEqualTo(audience);
        assertThat(claims.get("azp").asText()).isEqualTo(clientId);
        assertThat(claims.get("gty").asText()).isEqualTo("client-credentials");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isPositive().isLessThanOrEqualTo(86_400);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
