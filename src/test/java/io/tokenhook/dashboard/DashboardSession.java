package io.tokenhook.dashboard;

import io.tokenhook.support.TestServer;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client of the dashboard: keeps its cookies and signs in through the form. */
public final class DashboardSession {
    public static final String PASSWORD = "correct horse battery staple";
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    final TestServer server;
    final Map<String, String> cookies;
    public String csrf;

    public DashboardSession(TestServer server) {
        this(server, new LinkedHashMap<>(), null);
    }

    private DashboardSession(TestServer server, Map<String, String> cookies, String csrf) {
        this.server = server;
        this.cookies = cookies;
        this.csrf = csrf;
    }

    /**
     * The same browser talking to {@code other} (another node behind the load balancer): the cookies are shared, as
     * a browser shares them between ports of one host, and so is the anti-forgery token the page gave.
     */
    DashboardSession at(TestServer other) {
        return new DashboardSession(other, cookies, csrf);
    }

    public static TestServer startServer(Map<String, String> extraEnv) {
        try {
            var env = new java.util.HashMap<>(extraEnv);
            env.putIfAbsent("TOKENHOOK_ADMIN_PASSWORD", PASSWORD);
            return TestServer.start(java.nio.file.Files.createTempDirectory("tokenhook-dashboard"), env);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Signs in as {@code admin} and reads the anti-forgery token from the application page. */
    DashboardSession signIn() {
        return signIn(PASSWORD);
    }

    /** Signs in as {@code admin} with {@code password}. */
    public DashboardSession signIn(String password) {
        var r = submitSignIn("admin", password);
        if (r.status() != 303 || !"/".equals(r.header("Location"))) throw new AssertionError("sign-in failed: " + r.status() + " " + r.text());
        csrf = csrfFromPage();
        return this;
    }

    /** The anti-forgery token in the meta tag of the application page. */
    String csrfFromPage() {
        var app = get("/");
        Matcher m = CSRF_META.matcher(app.text());
        if (!m.find()) throw new AssertionError("no csrf-token meta tag: " + app.status() + " " + app.text());
        return m.group(1);
    }

    /** Loads the sign-in form (for its one-time token) and posts it. */
    public TestServer.Response submitSignIn(String user, String password) {
        var page = get("/login");
        Matcher m = FORM_TOKEN.matcher(page.text());
        if (!m.find()) throw new AssertionError("no form token: " + page.text());
        return postForm("/login", Map.of("csrf", m.group(1), "username", user, "password", password));
    }

    TestServer.Response get(String path) {
        return send(server.request(path).GET());
    }

    public TestServer.Response postForm(String path, Map<String, String> form) {
        return send(server.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(TestServer.form(form))));
    }

    /** A Management API call with the session; {@code csrfToken} null sends none. */
    TestServer.Response api(String method, String path, Object body, String csrfToken) {
        var r = server.request("/api/v2" + path);
        if (csrfToken != null) r.header("X-CSRF-Token", csrfToken);
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json");
            r.method(method, HttpRequest.BodyPublishers.ofString(TestServer.json(body)));
        }
        return send(r);
    }

    public TestServer.Response api(String method, String path, Object body) {
        return api(method, path, body, csrf);
    }

    String origin() {
        String base = server.baseUrl();
        return base.substring(0, base.length() - 1);
    }

    TestServer.Response send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        var response = server.send(request);
        for (var e : response.headers().entrySet()) {
            if (!e.getKey().equalsIgnoreCase("set-cookie")) continue;
            for (String cookie : e.getValue()) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || cookie.contains("Max-Age=0")) cookies.remove(name); else cookies.put(name, value);
            }
        }
        return response;
    }

    /** Every Set-Cookie header of a response. */
    static java.util.List<String> setCookies(TestServer.Response r) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
