package io.tokenhook.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends {@link FuzzRequest}s over one keep-alive HTTP/1.1 client. A log stream that opens is read up to its
 * first line and then dropped, since it would never end by itself.
 */
final class FuzzClient {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int STREAM_GREETING_BYTES = 24;

    private HttpClient http = newClient();
    private final String base;
    private final Supplier<String> adminToken;

    FuzzClient(String baseUrl, Supplier<String> adminToken) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminToken = adminToken;
    }

    /** What came back: the status, the headers and the body (empty for HEAD and 204). */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + FuzzRequest.printable(body);
        }
    }

    /* Bodies up to this size go out in one write, before the server can refuse the request's head. */
    private static final int LARGE_BODY = 16 * 1024;

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends {@code request}; when no answer comes, sends it once more on a new connection. The client's pool can
     * hand out a connection the server has just closed (as Jetty does after refusing a request part-way), which
     * is the client's problem; a server that does not answer twice is the server's. One exception: a server that
     * refuses a request from its head (a path or header Jetty rejects) answers and closes while a large body is
     * still being written, and the client then reads nothing; such a request is sent a third time without its body,
     * and that answer must be clean.
     */
    Response send(FuzzRequest request) throws IOException, InterruptedException {
        try {
            return sendOnce(request);
        } catch (IOException e) {
            http.close();
            http = newClient();
            try {
                return sendOnce(request);
            } catch (IOException again) {
                if (request.body().length <= LARGE_BODY) throw again;
                http.close();
                http = newClient();
                return sendOnce(request.withoutBody());
            }
        }
    }

    private Response sendOnce(FuzzRequest request) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(base + request.target())).timeout(TIMEOUT)
                .method(request.method(), request.body().length == 0 && !"POST".equals(request.method())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (var h : request.headers()) builder.header(h.name(), h.value().replace(FuzzRequest.ADMIN, adminToken.get()));
        var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            byte[] body = type.startsWith("text/event-stream") ? in.readNBytes(STREAM_GREETING_BYTES) : in.readAllBytes();
            return new Response(response.statusCode(), response.headers().map(), body);
        }
    }
}
