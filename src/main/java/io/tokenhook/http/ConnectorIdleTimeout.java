package io.tokenhook.http;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

import java.time.Duration;

/**
 * Gives every connector the configured idle timeout: Javalin makes its connector with Jetty's default (30 s). A
 * server bean, so it runs after the connectors exist and before they accept (Jetty starts beans first).
 */
final class ConnectorIdleTimeout extends AbstractLifeCycle {
    private final Server server;
    private final Duration timeout;

    ConnectorIdleTimeout(Server server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    @Override
    protected void doStart() {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector c) c.setIdleTimeout(timeout.toMillis());
        }
    }
}
