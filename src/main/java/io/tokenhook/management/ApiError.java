package io.tokenhook.management;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Management API error, written as Auth0's {@code {statusCode, error, message, errorCode}} envelope. */
public final class ApiError extends RuntimeException {
    private final int statusCode;
    private final String errorCode;
    private final Map<String, String> headers;

    public ApiError(int statusCode, String message, String errorCode) {
        this(statusCode, message, errorCode, Map.of());
    }

    private ApiError(int statusCode, String message, String errorCode, Map<String, String> headers) {
        super(message, null, false, false);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.headers = Map.copyOf(headers);
    }

    /** 429 too_many_requests with {@code headers} ({@code Retry-After}, {@code X-RateLimit-*}). */
    public static ApiError tooManyRequests(String message, Map<String, String> headers) {
        return new ApiError(429, message, "too_many_requests", headers);
    }

    /** This error with {@code more} response headers. */
    public ApiError withHeaders(Map<String, String> more) {
        if (more.isEmpty()) return this;
        var all = new java.util.HashMap<>(headers);
        all.putAll(more);
        return new ApiError(statusCode, getMessage(), errorCode, all);
    }

    public static ApiError invalidBody(String message) {
        return new ApiError(400, message, "invalid_body");
    }

    public static ApiError invalidQuery(String message) {
        return new ApiError(400, message, "invalid_query_string");
    }

    public static ApiError invalidUri(String message) {
        return new ApiError(400, message, "invalid_uri");
    }

    public static ApiError notFound(String message, String errorCode) {
        return new ApiError(404, message, errorCode);
    }

    public static ApiError conflict(String message, String errorCode) {
        return new ApiError(409, message, errorCode);
    }

    public int statusCode() {
        return statusCode;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Response headers that go with this error, beside {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> body() {
        return envelope(statusCode, getMessage(), errorCode);
    }

    public static Map<String, Object> envelope(int statusCode, String message, String errorCode) {
        var body = new LinkedHashMap<String, Object>();
        body.put("statusCode", statusCode);
        body.put("error", reason(statusCode));
        body.put("message", message);
        if (errorCode != null) body.put("errorCode", errorCode);
        return body;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
