package io.tokenhook.http;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request (request line, headers and body) is still arriving {@code timeout} after it was
 * first seen arriving, or that has not sent its first request (TLS handshake included) within {@code timeout} of
 * being seen open: a slowloris client that sends a byte at a time, each just inside the idle timeout, is cut off
 * within the timeout plus two sweeps. Jetty has no such limit: its idle timeout restarts with every byte, and
 * Jetty 12 no longer enforces {@code HttpConfiguration}'s minimum data rate.
 *
 * <p>One thread looks at every connection a few times a second. Jetty shows a connection's parser state only on its
 * internal {@link HttpConnection}; the parser's state field is volatile, so reading it from here is safe.
 */
final class SlowRequests extends AbstractLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(SlowRequests.class);

    private final Server server;
    private final long timeoutNanos;
    private final long sweepMillis;
    private final Rejections rejections;
    private ScheduledExecutorService sweeper;
    /** Connections seen receiving a request at the last sweep; only the sweeper thread touches it. */
    private Map<Connection, Arrival> arriving = new HashMap<>();

    SlowRequests(Server server, Duration timeout, Rejections rejections) {
        this.server = server;
        this.timeoutNanos = timeout.toNanos();
        this.sweepMillis = Math.clamp(timeout.toMillis() / 10, 50, 1_000);
        this.rejections = rejections;
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("tokenhook-slow-requests").unstarted(r));
        sweeper.scheduleWithFixedDelay(this::sweepSafely, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweepSafely() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("slow request sweep failed: {}", e.toString());
        }
    }

    void sweep(long now) {
        var next = new HashMap<Connection, Arrival>();
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                HttpConnection http = httpConnection(endPoint);
                if (http == null || !(http.getMessagesIn() == 0 || receiving(http.getParser()))) continue;
                Arrival seen = arriving.get(http);
                Arrival arrival = seen != null && seen.request() == http.getMessagesIn() ? seen : new Arrival(http.getMessagesIn(), now);
                if (now - arrival.since() > timeoutNanos) {
                    LOG.debug("closing {}: its request did not arrive within the read timeout", endPoint.getRemoteSocketAddress());
                    rejections.count(Rejections.REQUEST_READ_TIMEOUT);
                    endPoint.close();
                } else {
                    next.put(http, arrival);
                }
            }
        }
        arriving = next;
    }

    /** The HTTP/1.1 connection on {@code endPoint}, inside TLS when there is TLS; null for anything else. */
    private static HttpConnection httpConnection(EndPoint endPoint) {
        Connection connection = endPoint.getConnection();
        if (connection instanceof SslConnection tls) connection = tls.getSslEndPoint().getConnection();
        return connection instanceof HttpConnection http ? http : null;
    }

    /** Whether a request has started arriving and not finished: past START, before END. */
    private static boolean receiving(HttpParser parser) {
        HttpParser.State state = parser.getState();
        return state != HttpParser.State.START && state.ordinal() < HttpParser.State.END.ordinal();
    }

    /** @param request the connection's request count when this one was first seen arriving (0 from its opening) */
    private record Arrival(long request, long since) {}
}
