package io.tokenhook.management;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Management API error, written as Auth0's {@code {statusCode, error, message, errorCode}} envelope. */
public final class ApiError extends RuntimeException {
    private final int statusCode;
    private final String errorCode;

    public ApiError(int statusCode, String message, String errorCode) {
        super(message, null, false, false);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
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
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
