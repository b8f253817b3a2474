package io.tokenhook.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenhook.dashboard.Dashboard;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.ManagementApi;
import io.tokenhook.oauth.OAuthError;
import io.tokenhook.oauth.TokenEndpoint;
import io.tokenhook.oauth.TokenRequestParser;
import io.tokenhook.store.SnapshotHolder;
import io.tokenhook.store.StoreUnavailableException;
import io.tokenhook.token.Discovery;
import io.tokenhook.token.TokenIssuer;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wires the HTTP surface on Javalin/Jetty: routes, body, header and connection limits, the client's address (from
 * trusted proxies), error envelopes (OAuth on {@code /oauth/token}, Auth0's on {@code /api/v2}), security headers,
 * the access log, and HTTPS when given a {@link TlsIdentity}.
 */
public final class HttpServer {
    private static final Logger ACCESS = LoggerFactory.getLogger("tokenhook.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** {@code Strict-Transport-Security: max-age=31536000} (one year) on every response under TLS. */
    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    private final Javalin app;

    /**
     * @param tls    the certificate and key to serve HTTPS with, or null for plain HTTP
     * @param limits the request limits the token endpoint and the Management API were built with; also Jetty's
     */
    public HttpServer(String host, int port, TokenEndpoint tokenEndpoint, TokenIssuer issuer, ManagementApi management,
                      Dashboard dashboard, SnapshotHolder snapshots, PrometheusMeterRegistry metrics, TlsIdentity tls,
                      AbuseLimits limits) {
        var discovery = Discovery.metadata(issuer.issuer());
        var settings = limits.limits();
        var clientAddress = new ClientAddress(settings.trustedProxies());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.threadPool = threadPool();
            config.http.maxRequestSize = ManagementApi.HOOK_BODY_LIMIT; // the largest; each route checks its own
            config.http.generateEtags = false;
            config.router.ignoreTrailingSlashes = true;
            // identifiers are URLs: let GET /resource-servers/https%3A%2F%2Fapi reach the route
            config.jetty.modifyHttpConfiguration(http -> {
                http.setUriCompliance(UriCompliance.DEFAULT.with("tokenhook", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                        UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setIdleTimeout(settings.idleTimeout().toMillis());
                http.setRequestHeaderSize(settings.maxHeaderBytes());
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrors(limits.rejections()));
                server.addBean(new ConnectorIdleTimeout(server, settings.idleTimeout()));
                if (!settings.requestReadTimeout().isZero()) {
                    server.addBean(new SlowRequests(server, settings.requestReadTimeout(), limits.rejections()));
                }
            });
            config.contextResolver.ip = ctx -> clientAddress.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
            // the only listener then: HTTPS on the same host and port, no plain HTTP beside it
            if (tls != null) config.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, host, port));
            config.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {} {}ms ua=\"{}\"", ctx.ip(), ctx.method(),
                    ctx.path(), ctx.statusCode(), Math.round(ms), safe(ctx.userAgent())));

            var routes = config.routes;
            routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                checkCharset(ctx);
            });
            routes.post("/oauth/token", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                if (body.length > TokenRequestParser.MAX_BODY_BYTES) {
                    throw new OAuthError(413, "invalid_request", "Request body exceeds " + TokenRequestParser.MAX_BODY_BYTES + " bytes");
                }
                // the raw header: the parser checks the charset itself (Jetty's reading of it throws on an unknown name)
                var response = tokenEndpoint.exchange(new TokenEndpoint.Exchange(ctx.header("Content-Type"), body,
                        ctx.header("Authorization"), ctx.ip(), ctx.userAgent(), ctx.host(), ctx.header("Auth0-Client")));
                noStore(ctx);
                ManagementApi.writeJson(ctx, 200, response);
            });
            routes.get("/.well-known/jwks.json", ctx -> {
                ctx.header("Cache-Control", "public, max-age=60");
                ctx.contentType("application/json; charset=utf-8").result(issuer.keys().jwksJson());
            });
            routes.get("/.well-known/openid-configuration", ctx -> ManagementApi.writeJson(ctx, 200, discovery));
            routes.get("/.well-known/oauth-authorization-server", ctx -> ManagementApi.writeJson(ctx, 200, discovery));
            routes.get("/healthz", ctx -> health(ctx, snapshots));
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            management.register(routes);
            dashboard.register(routes);

            routes.exception(OAuthError.class, (e, ctx) -> {
                noStore(ctx);
                e.headers().forEach(ctx::header);
                if (e.basicChallenge()) ctx.header("WWW-Authenticate", "Basic realm=\"tokenhook\"");
                ManagementApi.writeJson(ctx, e.status(), e.body());
            });
            routes.exception(ApiError.class, (e, ctx) -> {
                e.headers().forEach(ctx::header);
                if (e.statusCode() == 401) ctx.header("WWW-Authenticate", "Bearer");
                ManagementApi.writeJson(ctx, e.statusCode(), e.body());
            });
            routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                LOG.error("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, 503, "The database is unavailable; try again shortly", "temporarily_unavailable");
            });
            routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 413 ? "Request body exceeds " + limit(ctx) + " bytes" : e.getMessage(),
                    e.getStatus() == 413 ? "payload_too_large" : null));
            routes.exception(Exception.class, (e, ctx) -> {
                if (connectionClosed(e)) {   // the client left, or a limit cut it off: nobody to answer
                    LOG.debug("connection closed during {} {}: {}", ctx.method(), ctx.path(), e.toString());
                    return;
                }
                BadMessageException malformed = cause(e, BadMessageException.class);
                if (malformed != null && malformed.getCode() >= 400 && malformed.getCode() < 500) {   // Jetty refused to parse the body (a broken multipart form): the client's fault
                    error(ctx, malformed.getCode(), "Malformed request body: " + malformed.getReason(), "bad_request");
                    return;
                }
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "Internal error", "server_error");
            });
            routes.error(404, ctx -> { if (ctx.result() == null) error(ctx, 404, "Not Found", "not_found"); });
            routes.error(405, ctx -> { if (ctx.result() == null) error(ctx, 405, "Method Not Allowed", "method_not_allowed"); });
        });
    }

    /** The first throwable of {@code type} in {@code e}'s cause chain, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static boolean connectionClosed(Throwable e) {
        return cause(e, ClosedChannelException.class) != null || cause(e, EofException.class) != null;
    }

    /**
     * TLS 1.3 and 1.2 with HSTS on every response. The Host header is not checked against the certificate's
     * names (Jetty's SNI host check): verifying the name is the client's part, and a proxy may use another one.
     */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, TlsIdentity tls, String host, int port) {
        var https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false, HSTS_MAX_AGE_SECONDS, false));
        var connector = new ServerConnector(server, new SslConnectionFactory(tls.sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * Jetty and Javalin read the charset of a Content-Type the first time a handler asks for a parameter, and throw on
     * one they cannot read ({@code charset} without a value, an empty or unknown name). Such a request is refused up front.
     * The token endpoint reads only the raw header and answers these itself, in its own envelope and log.
     */
    private static void checkCharset(Context ctx) {
        if (ctx.header("Content-Type") == null || ctx.path().startsWith("/oauth/")) return;
        try {
            // "charset=" passes Jetty as an empty name, and Javalin's Charset.forName then throws on a form read
            String encoding = ctx.characterEncoding();
            if (encoding != null) Charset.forName(encoding);
            ctx.contentType();
        } catch (RuntimeException e) {
            throw new ApiError(415, "Unsupported charset in Content-Type", "unsupported_media_type");
        }
    }

    private static int limit(Context ctx) {
        return ctx.path().startsWith("/oauth/") ? TokenRequestParser.MAX_BODY_BYTES
                : ctx.path().startsWith(ManagementApi.PREFIX + "/hooks") ? ManagementApi.HOOK_BODY_LIMIT : ManagementApi.BODY_LIMIT;
    }

    private static QueuedThreadPool threadPool() {
        var pool = new QueuedThreadPool(Integer.getInteger("tokenhook.http.maxThreads", 200), 8, 60_000);
        pool.setName("tokenhook-http");
        return pool;
    }

    /** Writes an error in the envelope the path's clients expect. */
    static void error(Context ctx, int status, String message, String code) {
        if (ctx.path().startsWith("/oauth/")) {
            noStore(ctx);
            String error = switch (status) {
                case 405 -> "method_not_allowed";
                case 503 -> "temporarily_unavailable";
                case 404 -> "endpoint_disabled";
                case 500 -> "server_error";
                default -> "invalid_request";
            };
            var body = new LinkedHashMap<String, Object>();
            body.put("error", error);
            body.put("error_description", message);
            ManagementApi.writeJson(ctx, status, body);
        } else {
            ManagementApi.writeJson(ctx, status, ApiError.envelope(status, message, code));
        }
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    private static void health(Context ctx, SnapshotHolder snapshots) {
        Map<String, Object> body = new LinkedHashMap<>();
        long version = snapshots.get().version();
        body.put("status", version > 0 ? "ok" : "starting");
        body.put("config_version", version);
        ManagementApi.writeJson(ctx, version > 0 ? 200 : 503, body);
    }

    private static String safe(String s) {
        if (s == null) return "";
        String cut = s.length() > 200 ? s.substring(0, 200) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'");
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
