package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CLI's HTTP plumbing: one client, JSON bodies, and the translation of what went wrong into one line,
 * {@code <message> (<status> <errorCode>)} for a Management API refusal and
 * {@code <error_description> (<status> <error>)} for a token endpoint refusal.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "tokenhook-cli/" + version();

    private final HttpClient client;

    /** @param caFile a PEM file of CA certificates to trust besides the JDK's trust store, or null */
    Http(Path caFile) {
        var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (caFile != null) builder.sslContext(CaTrust.sslContext(caFile));
        this.client = builder.build();
    }

    private static String version() {
        String v = Http.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("User-Agent", USER_AGENT).header("Accept", "application/json");
    }

    static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} and returns the response, or throws a one-line {@link CliException} on a network failure. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        } catch (IOException e) {
            throw networkFailure(request.uri(), e);
        }
    }

    /** Sends and returns the status and parsed JSON body (null when empty). */
    Reply exchange(HttpRequest request) {
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), parse(response.body()));
    }

    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static CliException networkFailure(URI uri, IOException e) {
        String server = uri.getScheme() + "://" + uri.getAuthority();
        if (e instanceof SSLHandshakeException) {
            String why = String.valueOf(e.getMessage()).contains("PKIX path") ? "its certificate is not from a CA this client trusts" : e.getMessage();
            return CliException.failure("cannot reach " + server + ": TLS handshake failed: " + why + "; a server with its own CA needs "
                    + "--ca-file FILE or TOKENHOOK_CA_FILE (under serve --tls-self-signed: the server's data/ca.pem)");
        }
        if (e instanceof HttpConnectTimeoutException) return CliException.failure("cannot reach " + server + ": connection timed out");
        if (e instanceof HttpTimeoutException) return CliException.failure(server + " did not answer within " + TIMEOUT.toSeconds() + " s");
        if (e instanceof ConnectException) {
            if (e.getCause() instanceof UnresolvedAddressException) return CliException.failure("cannot reach " + server + ": unknown host");
            return CliException.failure("cannot reach " + server + ": connection refused (is the server running?)");
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return CliException.failure("cannot reach " + server + ": " + detail);
    }

    /** A refusal as one line: the Management API's envelope, an OAuth error, or the bare status. */
    static CliException refusal(int status, JsonNode body) {
        if (body != null && body.hasNonNull("message")) {
            return CliException.server(body.get("message").asText(), status, body.path("errorCode").asText(null));
        }
        if (body != null && body.hasNonNull("error")) {
            String description = body.path("error_description").asText("");
            return CliException.server(description.isEmpty() ? body.get("error").asText() : description, status, body.get("error").asText());
        }
        return CliException.server("the server answered HTTP " + status, status, null);
    }

    /**
     * {@code message} on one line. A script's syntax error quotes the offending source line with a caret under
     * it: those two lines are left out (the position is in the message), the others are joined with "; ".
     */
    static String oneLine(String message) {
        String[] lines = message.split("\\r?\\n");
        var kept = new java.util.ArrayList<String>();
        for (int i = 0; i < lines.length; i++) {
            boolean excerpt = i + 1 < lines.length && lines[i + 1].strip().matches("\\^+");
            if (excerpt || lines[i].strip().matches("\\^*")) continue;
            kept.add(lines[i].strip());
        }
        return String.join("; ", kept).replace("; '", "'");
    }
}
