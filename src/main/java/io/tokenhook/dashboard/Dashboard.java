package io.tokenhook.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.Changes;
import io.tokenhook.management.ManagementApi;
import io.tokenhook.store.Store;
import io.tokenhook.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web dashboard at {@code /}: sign-in, the single-page application (plain HTML, CSS and JavaScript modules
 * from {@code src/main/resources/dashboard}, Monaco from its WebJar) and the one Management API action it adds,
 * {@code POST /api/v2/clients/{id}/test-token}. Everything else the pages do goes through {@code /api/v2} with
 * the session (see {@link Sessions}).
 */
public final class Dashboard {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private final Sessions sessions;
    private final ManagementApi management;
    private final Assets assets = new Assets();
    private final Pages pages = new Pages(assets);
    private final SignIn signIn;
    private final TestTokenAction testToken;

    /**
     * Runs a client credentials exchange for an application without its secret, as {@code POST /oauth/token}
     * would, with {@code actor} named in its log events.
     */
    @FunctionalInterface
    public interface TokenExchange {
        Response exchange(String clientId, String audience, String scope, String ip, String userAgent, String actor);

        /** The token endpoint's status and JSON body. */
        record Response(int status, Map<String, Object> body) {}
    }

    public Dashboard(Store store, Sessions sessions, ManagementApi management, Changes changes, TokenExchange exchange,
                     InstantSource clock) {
        this.sessions = sessions;
        this.management = management;
        this.signIn = new SignIn(store, sessions, pages, clock);
        this.testToken = new TestTokenAction(changes, exchange);
    }

    public void register(RoutesConfig routes) {
        routes.get("/", page(this::app));
        routes.get("/login", page(signIn::page));
        routes.post("/login", page(signIn::submit));
        routes.post("/logout", page(signIn::signOut));
        routes.get("/dashboard/session", this::session);
        routes.get("/dashboard/assets/<path>", assets::own);
        routes.get("/dashboard/vendor/monaco/<path>", assets::monaco);
        routes.post(ManagementApi.PREFIX + "/clients/{id}/test-token", management.write(TestTokenAction.OPERATION, testToken::run, 200));
    }

    /**
     * An HTML page's handler: while the database is unavailable (sessions and users live there) it answers 503 with
     * a page that says so. JSON routes get the Management API's 503 envelope from the server's error mapping.
     */
    private Handler page(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (StoreUnavailableException e) {
                LOG.error("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(503).header("Retry-After", "5")
                        .html(pages.message("The database is unavailable, so the dashboard cannot check your session. Try again shortly."));
                pages.secure(ctx);
            }
        };
    }

    /** The application shell, with the session's anti-forgery token in a meta tag; sign-in first without a session. */
    private void app(Context ctx) {
        var session = sessions.current(ctx, true);
        if (session.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.html(pages.app(session.get().csrfToken(), session.get().user()));
        pages.secure(ctx);
    }

    /**
     * {@code GET /dashboard/session}: who is signed in and for how long an idle session lasts. It does not count
     * as activity, so the pages can poll it to notice an expired session.
     */
    private void session(Context ctx) {
        var s = sessions.current(ctx, false)
                .orElseThrow(() -> new ApiError(401, "Your dashboard session has expired; sign in again.", "session_expired"));
        var body = new LinkedHashMap<String, Object>();
        body.put("user", s.user());
        body.put("idle_timeout_seconds", sessions.idleTimeout().toSeconds());
        body.put("expires_in_seconds", sessions.remaining(s).toSeconds());
        ctx.header("Cache-Control", "no-store");
        ManagementApi.writeJson(ctx, 200, body);
    }
}
