package io.tokenhook.dashboard;

import io.javalin.http.Context;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.Caller;
import io.tokenhook.management.ManagementAuth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in dashboard sessions, kept in memory: a random id in an {@code HttpOnly}, {@code SameSite=Strict}
 * cookie ({@code Secure} under TLS), an anti-forgery token that every write must echo in
 * {@value #CSRF_HEADER}, and an idle expiry. A restart signs everyone out.
 *
 * <p>As the Management API's {@link ManagementAuth.SessionAuthenticator}, a session acts with every management
 * scope, and its writes are logged with the actor {@code "<user> (dashboard)"}.
 */
public final class Sessions implements ManagementAuth.SessionAuthenticator {
    public static final String COOKIE = "tokenhook_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final Duration idleTimeout;
    private final Set<String> scopes;
    private final boolean behindTls;

    /**
     * @param scopes    what a session may do on the Management API (every management scope)
     * @param behindTls true when the public URL is https: cookies are then {@code Secure} even if TLS ends at a proxy
     */
    public Sessions(InstantSource clock, Duration idleTimeout, List<String> scopes, boolean behindTls) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.scopes = Set.copyOf(scopes);
        this.behindTls = behindTls;
    }

    /** One signed-in browser. {@code lastSeen} moves with every authenticated request. */
    static final class Session {
        final String id;
        final String user;
        final String csrfToken;
        volatile Instant lastSeen;

        Session(String id, String user, String csrfToken, Instant lastSeen) {
            this.id = id;
            this.user = user;
            this.csrfToken = csrfToken;
            this.lastSeen = lastSeen;
        }
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Starts a session for {@code user} and sets its cookie. */
    Session start(Context ctx, String user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        var session = new Session(randomToken(), user, randomToken(), now);
        sessions.put(session.id, session);
        setCookie(ctx, COOKIE, session.id, false);
        return session;
    }

    /** The live session of this request, if any; refreshes its idle timer when {@code touch}. */
    Optional<Session> current(Context ctx, boolean touch) {
        String id = ctx.cookie(COOKIE);
        if (id == null) return Optional.empty();
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        if (touch) s.lastSeen = now;
        return Optional.of(s);
    }

    /** How long the session may stay unused from now on. */
    Duration remaining(Session s) {
        Duration left = idleTimeout.minus(Duration.between(s.lastSeen, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Ends this request's session, if any, and clears its cookie. */
    void end(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) sessions.remove(id);
        setCookie(ctx, COOKIE, "", true);
    }

    @Override
    public Optional<Caller> authenticate(Context ctx) {
        if (ctx.cookie(COOKIE) == null) return Optional.empty();
        Session s = current(ctx, true).orElseThrow(() ->
                new ApiError(401, "Your dashboard session has expired; sign in again.", "session_expired"));
        if (!SAFE_METHODS.contains(ctx.method().name())) checkWrite(ctx, s);
        return Optional.of(new Caller(null, scopes, s.user + " (dashboard)"));
    }

    /**
     * Refuses a write that may come from another site: its {@code Origin} (when sent) must be this server, and
     * {@value #CSRF_HEADER} must carry the session's token.
     */
    void checkWrite(Context ctx, Session s) {
        if (!sameOrigin(ctx)) throw new ApiError(403, "Cross-site request refused", "invalid_origin");
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrfToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "Missing or invalid CSRF token; reload the page", "invalid_csrf_token");
        }
    }

    /**
     * True when the request's {@code Origin} is the {@code Host} the browser addressed (or the
     * {@code X-Forwarded-Host} a proxy passed on). Pages sent with {@code Referrer-Policy: no-referrer} make
     * browsers send {@code Origin: null} on their own writes; then (or with no {@code Origin}) the request must not
     * be marked as coming from another site by {@code Sec-Fetch-Site}.
     */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            String site = ctx.header("Sec-Fetch-Site");
            return site == null || site.equals("same-origin") || site.equals("none");
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            if (authority == null) return false;
            return authority.equalsIgnoreCase(ctx.header("Host")) || authority.equalsIgnoreCase(ctx.header("X-Forwarded-Host"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Sets a cookie for the whole site: {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} under TLS. */
    void setCookie(Context ctx, String name, String value, boolean clear) {
        var cookie = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Strict");
        if (clear) cookie.append("; Max-Age=0");
        if (behindTls || "https".equals(ctx.scheme())) cookie.append("; Secure");
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idleTimeout));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
