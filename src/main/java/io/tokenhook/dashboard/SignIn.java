package io.tokenhook.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tokenhook.store.DashboardUser;
import io.tokenhook.store.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET/POST /login} and {@code POST /logout}. The sign-in form carries a one-time token that must match
 * a cookie set with the form (so another site cannot sign a browser in to its own account), its {@code Origin}
 * must be this server, and an address with {@value #MAX_FAILURES} failures in {@link #FAILURE_WINDOW} must wait.
 *
 * <p>The failures are counted in this node's memory: behind a load balancer an address gets that many tries on
 * each node, and a restart forgets them. Each try costs an Argon2id verification, which keeps guessing slow anyway.
 */
final class SignIn {
    static final String FORM_COOKIE = "tokenhook_signin";
    static final int MAX_FAILURES = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final Store store;
    private final Sessions sessions;
    private final Pages pages;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignIn(Store store, Sessions sessions, Pages pages, InstantSource clock) {
        this.store = store;
        this.sessions = sessions;
        this.pages = pages;
        this.clock = clock;
    }

    void page(Context ctx) {
        if (sessions.current(ctx, false).isPresent()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        String notice = ctx.queryParam("expired") != null ? "Your session expired. Sign in again to go on where you were."
                : ctx.queryParam("signed-out") != null ? "You are signed out." : "";
        render(ctx, 200, "", notice, "");
    }

    void submit(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (!Sessions.sameOrigin(ctx) || !formTokenMatches(ctx)) {
            render(ctx, 403, "The sign-in form expired or came from another site. Try again.", "", name);
            return;
        }
        String address = ctx.ip();
        if (recentFailures(address) >= MAX_FAILURES) {
            render(ctx, 429, "Too many failed sign-ins from this address. Wait a few minutes and try again.", "", name);
            return;
        }
        // a name PostgreSQL cannot compare (NUL) is no user's, as an empty or overlong one
        Optional<DashboardUser> user = name.isEmpty() || name.length() > 64 || name.indexOf('\0') >= 0 ? Optional.empty()
                : store.read(tx -> tx.dashboardUser(name));
        boolean ok = user.isPresent() ? Passwords.verify(password, user.get().passwordHash()) : dummyCheck(password);
        if (!ok) {
            fail(address);
            render(ctx, 401, "Wrong user name or password.", "", name);
            return;
        }
        failures.remove(address);
        sessions.setCookie(ctx, FORM_COOKIE, "", true);
        sessions.start(ctx, user.get().name());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    void signOut(Context ctx) {
        var session = sessions.current(ctx, false);
        if (session.isPresent()) {
            String token = Optional.ofNullable(ctx.formParam("csrf")).orElse(ctx.header(Sessions.CSRF_HEADER));
            if (token == null || !Sessions.sameOrigin(ctx) || !Sessions.csrfMatches(token, session.get())) {
                ctx.status(403).html(pages.message("Sign-out refused: the request did not come from this dashboard."));
                pages.secure(ctx);
                return;
            }
        }
        sessions.end(ctx);
        ctx.redirect("/login?signed-out", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String error, String notice, String name) {
        String formToken = Sessions.randomToken();
        sessions.setCookie(ctx, FORM_COOKIE, formToken, false);
        ctx.status(status).html(pages.login(formToken, error, notice, name));
        pages.secure(ctx);
    }

    private boolean formTokenMatches(Context ctx) {
        String cookie = ctx.cookie(FORM_COOKIE);
        String field = ctx.formParam("csrf");
        return cookie != null && field != null && !cookie.isEmpty() && equal(cookie, field);
    }

    private static boolean dummyCheck(String password) {
        Passwords.verifyDummy(password);
        return false;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private int recentFailures(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) return 0;
        synchronized (times) {
            Instant cutoff = clock.instant().minus(FAILURE_WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) times.pollFirst();
            return times.size();
        }
    }

    private void fail(String address) {
        if (failures.size() >= MAX_TRACKED_ADDRESSES) failures.clear();
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > MAX_FAILURES) times.pollFirst();
        }
    }
}
