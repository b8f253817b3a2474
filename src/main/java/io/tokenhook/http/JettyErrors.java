package io.tokenhook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenhook.management.ApiError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a request Jetty refuses before any route sees it (headers too large: 431; a malformed request:
 * 400), in the envelope of its path instead of Jetty's HTML page: OAuth's on {@code /oauth/}, Auth0's elsewhere.
 */
final class JettyErrors extends ErrorHandler {
    private static final JsonMapper JSON = new JsonMapper();
    private final Rejections rejections;

    JettyErrors(Rejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String reason, Throwable cause,
                                    Callback callback) throws JsonProcessingException {
        if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) rejections.count(Rejections.HEADER_SIZE);
        String message = switch (status) {
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "Request headers are too large";
            case HttpStatus.URI_TOO_LONG_414 -> "Request URI is too long";
            case HttpStatus.BAD_REQUEST_400 -> "Malformed request";
            default -> HttpStatus.getMessage(status);
        };
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        Map<String, Object> body;
        if (path != null && path.startsWith("/oauth/")) {
            body = new LinkedHashMap<>();
            body.put("error", status >= 500 ? "server_error" : "invalid_request");
            body.put("error_description", message);
        } else {
            body = ApiError.envelope(status, message, status == 431 ? "headers_too_large" : status >= 500 ? "server_error" : "bad_request");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
    }
}
