package io.tokenhook.dashboard;

import io.javalin.http.Context;
import io.tokenhook.management.ApiError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Static files of the dashboard from the classpath: its own under {@code dashboard/}, and the Monaco editor's
 * minified AMD build from its WebJar. Files are read once and kept in memory.
 */
final class Assets {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*(/[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("json", "application/json; charset=utf-8"), Map.entry("png", "image/png"),
            Map.entry("ttf", "font/ttf"), Map.entry("woff2", "font/woff2"));

    private final String monacoRoot;
    /** Only files that exist are kept, so unknown paths cannot grow it. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Assets() {
        this.monacoRoot = "META-INF/resources/webjars/monaco-editor/" + monacoVersion() + "/min/";
    }

    /** The Monaco WebJar's version, from its Maven metadata (the pom names it once). */
    static String monacoVersion() {
        try (InputStream in = Assets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/monaco-editor/pom.properties")) {
            if (in == null) throw new IllegalStateException("the monaco-editor WebJar is not on the classpath");
            var p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /dashboard/assets/<path>}: the dashboard's own files; revalidated on every load. */
    void own(Context ctx) {
        serve(ctx, "dashboard/" + checked(ctx.pathParam("path")), "no-cache");
    }

    /** {@code GET /dashboard/vendor/monaco/<path>}: Monaco's files; its versioned build never changes. */
    void monaco(Context ctx) {
        serve(ctx, monacoRoot + checked(ctx.pathParam("path")), "public, max-age=86400");
    }

    /** A dashboard file's text, for pages the server fills in. */
    String text(String name) {
        return new String(load("dashboard/" + name).orElseThrow(() -> new IllegalStateException("missing dashboard/" + name)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private void serve(Context ctx, String resource, String cacheControl) {
        byte[] body = load(resource).orElseThrow(Assets::notFound);
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", cacheControl);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream")).result(body);
    }

    private Optional<byte[]> load(String resource) {
        return Optional.ofNullable(cache.computeIfAbsent(resource, r -> {
            try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(r)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** Only plain relative paths: no {@code ..}, no empty or hidden segments, no encoded characters. */
    private static String checked(String path) {
        if (path == null || path.length() > 200 || !SAFE_PATH.matcher(path).matches() || !path.contains(".")) throw notFound();
        return path;
    }

    private static ApiError notFound() {
        return ApiError.notFound("Not Found", "not_found");
    }
}
