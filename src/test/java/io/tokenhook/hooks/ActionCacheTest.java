package io.tokenhook.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionCacheTest {

    private static final long NOW = 1_000_000;

    private final ActionCache cache = new ActionCache();

    private static String set(String key, String value, long expiresAt) {
        return Json.write(Map.of("op", "set", "key", key, "value", value, "expires_at", expiresAt));
    }

    private static void apply(ActionCache.Bucket bucket, String... operations) {
        bucket.apply(Json.read("[" + String.join(",", operations) + "]"), NOW);
    }

    @Test
    void bucketsArePerHook() {
        apply(cache.bucket("h1"), set("k", "v", NOW + 1000));

        assertThat(cache.bucket("h1").snapshot(NOW)).containsOnlyKeys("k");
        assertThat(cache.bucket("h2").snapshot(NOW)).isEmpty();
        cache.forget("h1");
        assertThat(cache.bucket("h1").snapshot(NOW)).isEmpty();
    }

    @Test
    void entriesExpireAndLiveAtMostADay() {
        ActionCache.Bucket bucket = cache.bucket("h");
        apply(bucket, set("short", "v", NOW + 10), set("long", "v", NOW + 10 * ActionCache.MAX_TTL_MILLIS));

        assertThat(bucket.snapshot(NOW).get("long").expiresAt()).isEqualTo(NOW + ActionCache.MAX_TTL_MILLIS);
        assertThat(bucket.snapshot(NOW + 10)).containsOnlyKeys("long");
    }

    @Test
    void deleteRemoves() {
        ActionCache.Bucket bucket = cache.bucket("h");
        apply(bucket, set("a", "1", NOW + 1000), set("b", "2", NOW + 1000), "{\"op\":\"delete\",\"key\":\"a\"}");

        assertThat(bucket.snapshot(NOW)).containsOnlyKeys("b");
    }

    @Test
    void limitsAreCheckedAgainWhenApplying() {
        ActionCache.Bucket bucket = cache.bucket("h");
        for (int i = 0; i < 25; i++) {
            apply(bucket, set("k" + i, "v", NOW + 1000));
        }
        apply(bucket, set("x".repeat(65), "v", NOW + 1000), set("big", "v".repeat(4097), NOW + 1000));

        assertThat(bucket.snapshot(NOW)).hasSize(ActionCache.MAX_ENTRIES).doesNotContainKeys("k20", "big");

        ActionCache.Bucket full = cache.bucket("full");
        apply(full, set("a", "x".repeat(4000), NOW + 1000), set("b", "x".repeat(4000), NOW + 1000),
                set("c", "x".repeat(4000), NOW + 1000));
        assertThat(full.snapshot(NOW)).containsOnlyKeys("a", "b");
        assertThat(Json.write(full.snapshot(NOW))).contains("\"expires_at\":" + (NOW + 1000));
        assertThat(List.copyOf(full.snapshot(NOW).keySet())).containsExactly("a", "b");
    }
}
