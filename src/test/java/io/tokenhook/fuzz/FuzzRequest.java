package io.tokenhook.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated HTTP request. {@code target} is the path and query string exactly as sent. The admin's bearer
 * token is written as {@value #ADMIN} and put in at send time, so a failing request prints the same way on every
 * run and shrinks without tokens in the way.
 */
record FuzzRequest(String method, String target, List<Header> headers, byte[] body) {
    static final String ADMIN = "{admin-token}";
    private static final int SHOWN_BODY_CHARS = 3_000;
    private static final int SHOWN_HEADER_CHARS = 200;

    record Header(String name, String value) {}

    /**
     * Headers past Jetty's 8 KB limit make it answer 431 and close the connection at once; a client still writing a
     * body then fails with a broken pipe instead of reading the answer. Such requests go without a body.
     */
    static final int HEADERS_SENT_WITH_BODY = 6_000;

    FuzzRequest {
        headers = List.copyOf(headers);
        if (headers.stream().mapToInt(h -> h.name().length() + h.value().length()).sum() > HEADERS_SENT_WITH_BODY) body = new byte[0];
    }

    /** The same head without a body. */
    FuzzRequest withoutBody() {
        return new FuzzRequest(method, target, headers, new byte[0]);
    }

    /** The path without the query string. */
    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The request as an HTTP/1.1 message, the body as text where it is UTF-8 and as {@code \xNN} where not. */
    @Override
    public String toString() {
        var out = new StringBuilder(method).append(' ').append(target).append('\n');
        headers.forEach(h -> out.append(h.name()).append(": ").append(shorten(h.value())).append('\n'));
        out.append('\n').append(printable(body));
        return out.toString();
    }

    private static String shorten(String value) {
        return value.length() <= SHOWN_HEADER_CHARS ? value
                : value.substring(0, SHOWN_HEADER_CHARS) + "... (" + value.length() + " characters)";
    }

    static String printable(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            var hex = new StringBuilder();
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f && b != '\\') hex.append((char) b);
                else hex.append(String.format("\\x%02x", b & 0xff));
            }
            text = hex.toString();
        }
        var shown = new StringBuilder();
        text.codePoints().limit(SHOWN_BODY_CHARS).forEach(c -> {
            if (c < 0x20 && c != '\n' || c == 0x7f) shown.append(String.format("\\u%04x", c));
            else shown.appendCodePoint(c);
        });
        if (text.length() > SHOWN_BODY_CHARS) shown.append("... (").append(bytes.length).append(" bytes)");
        return shown.toString();
    }
}
