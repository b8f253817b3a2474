package io.tokenhook.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything the servers of a test run log, kept for the secret scan: a Logback appender (configured in
 * {@code logback-test.xml} on the root logger, the access log and Tokenhook's own loggers down to DEBUG) that writes
 * each event's logger, message, key-value pairs, MDC and stack trace to {@code target/secret-scan/log-PID.txt}, plus
 * the log events of each {@link TestServer}'s store, added when it closes. One file per JVM, so per surefire pass.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {
    private static final Path FILE = Path.of("target", "secret-scan", "log-" + ProcessHandle.current().pid() + ".txt");
    private static BufferedWriter out;
    private static long logLines;
    private static long eventRows;

    @Override
    protected void append(ILoggingEvent event) {
        var text = new StringBuilder("log ").append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) event.getKeyValuePairs().forEach(kv -> text.append(' ').append(kv));
        event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        if (event.getThrowableProxy() != null) text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        synchronized (LogCapture.class) {
            write(text);
            logLines++;
        }
    }

    /** Adds one log event of a store, as text. */
    static synchronized void addEvent(String row) {
        write(new StringBuilder("event ").append(row));
        eventRows++;
    }

    private static void write(CharSequence entry) {
        try {
            if (out == null) {
                Files.createDirectories(FILE.getParent());
                out = Files.newBufferedWriter(FILE, StandardCharsets.UTF_8);
            }
            out.append(entry).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was captured so far: the file (flushed), and how many log lines and store events it holds. */
    public static synchronized Captured captured() {
        try {
            if (out != null) out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Captured(FILE, logLines, eventRows);
    }

    public record Captured(Path file, long logLines, long eventRows) {}
}
