package io.tokenhook.dashboard;

import io.javalin.http.Context;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.Caller;
import io.tokenhook.management.ManagementAuth;
import io.tokenhook.store.DashboardSession;
import io.tokenhook.store.Store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signed-in dashboard sessions, kept in the {@link Store} so that every node knows them and a restart keeps them:
 * a random id in an {@code HttpOnly}, {@code SameSite=Strict} cookie ({@code Secure} under TLS), of which the
 * database holds only the SHA-256; an anti-forgery token that every write must echo in {@value #CSRF_HEADER}; and
 * an idle expiry.
 *
 * <p>Each dashboard request reads its session by primary key (no cache, so a sign-out on one node holds on all
 * of them at once). Activity is written at most every {@link #touchInterval()} (a minute, or a tenth of a short
 * idle timeout), so a session may end up to that much earlier than its last request plus the idle timeout.
 *
 * <p>As the Management API's {@link ManagementAuth.SessionAuthenticator}, a session acts with every management
 * scope, and its writes are logged with the actor {@code "<user> (dashboard)"}.
 */
public final class Sessions implements ManagementAuth.SessionAuthenticator {
    public static final String COOKIE = "tokenhook_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Duration MAX_TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int TOKEN_LENGTH = 43;   // 32 random bytes, base64url without padding
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Store store;
    private final InstantSource clock;
    private final Duration idleTimeout;
    private final Duration touchInterval;
    private final Set<String> scopes;
    private final boolean behindTls;

    /**
     * @param scopes    what a session may do on the Management API (every management scope)
     * @param behindTls true when the public URL is https: cookies are then {@code Secure} even if TLS ends at a proxy
     */
    public Sessions(Store store, InstantSource clock, Duration idleTimeout, List<String> scopes, boolean behindTls) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
        this.store = store;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        Duration tenth = idleTimeout.dividedBy(10);
        this.touchInterval = tenth.compareTo(MAX_TOUCH_INTERVAL) < 0 ? tenth : MAX_TOUCH_INTERVAL;
        this.scopes = Set.copyOf(scopes);
        this.behindTls = behindTls;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** How stale a session's recorded activity may be before a request writes it again. */
    Duration touchInterval() {
        return touchInterval;
    }

    /** Starts a session for {@code user} and sets its cookie. */
    DashboardSession start(Context ctx, String user) {
        Started started = create(user);
        setCookie(ctx, COOKIE, started.id(), false);
        return started.session();
    }

    /**
     * The live session of this request, if any. With {@code touch} the request counts as activity: written when
     * the recorded activity is older than {@link #touchInterval()}.
     */
    Optional<DashboardSession> current(Context ctx, boolean touch) {
        return find(ctx.cookie(COOKIE), touch);
    }

    /** Ends this request's session, if any, on every node, and clears its cookie. */
    void end(Context ctx) {
        delete(ctx.cookie(COOKIE));
        setCookie(ctx, COOKIE, "", true);
    }

    /** A new session: the id for the browser's cookie, and what the store keeps of it. */
    record Started(String id, DashboardSession session) {}

    /** Saves a new session for {@code user}, purging the sessions that have expired. */
    Started create(String user) {
        Instant now = clock.instant();
        store.purgeDashboardSessions(now);
        String id = randomToken();
        var session = new DashboardSession(hash(id), user, randomToken(), now, now, now.plus(idleTimeout));
        store.insertDashboardSession(session);
        return new Started(id, session);
    }

    /** The live session of the cookie value {@code id} (null when none), recording activity when {@code touch}. */
    Optional<DashboardSession> find(String id, boolean touch) {
        if (id == null || id.length() != TOKEN_LENGTH) return Optional.empty();
        Optional<DashboardSession> found = store.dashboardSession(hash(id));
        if (found.isEmpty()) return found;
        DashboardSession s = found.get();
        Instant now = clock.instant();
        if (s.expiredAt(now)) return Optional.empty();
        if (touch && Duration.between(s.lastSeen(), now).compareTo(touchInterval) >= 0) {
            if (!store.touchDashboardSession(s.idHash(), now, now.plus(idleTimeout))) return Optional.empty();
            s = s.seenAt(now, idleTimeout);
        }
        return Optional.of(s);
    }

    /** Deletes the session of the cookie value {@code id}, if any. */
    void delete(String id) {
        if (id != null && id.length() == TOKEN_LENGTH) store.deleteDashboardSession(hash(id));
    }

    /** How long the session may stay unused from now on. */
    Duration remaining(DashboardSession s) {
        Duration left = Duration.between(clock.instant(), s.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Optional<Caller> authenticate(Context ctx) {
        if (ctx.cookie(COOKIE) == null) return Optional.empty();
        DashboardSession s = current(ctx, true).orElseThrow(() ->
                new ApiError(401, "Your dashboard session has expired; sign in again.", "session_expired"));
        if (!SAFE_METHODS.contains(ctx.method().name())) checkWrite(ctx, s);
        return Optional.of(new Caller(null, scopes, s.user() + " (dashboard)"));
    }

    /**
     * Refuses a write that may come from another site: its {@code Origin} (when sent) must be this server, and
     * {@value #CSRF_HEADER} must carry the session's token.
     */
    void checkWrite(Context ctx, DashboardSession s) {
        if (!sameOrigin(ctx)) throw new ApiError(403, "Cross-site request refused", "invalid_origin");
        if (!csrfMatches(ctx.header(CSRF_HEADER), s)) {
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

    /** True when {@code sent} is the session's anti-forgery token (compared in constant time). */
    static boolean csrfMatches(String sent, DashboardSession s) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** What the store keeps of a session id: its SHA-256, in hex. */
    static String hash(String id) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
