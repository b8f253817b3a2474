package io.tokenhook.hooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host side of Actions' {@code api.cache}, one bucket per hook id, kept across versions of the hook and in
 * memory only (per node, like Auth0's best-effort cache). A run gets a copy of its bucket as JSON; its writes
 * come back as operations, applied after the run, last writer wins. Limits are Auth0's.
 */
final class ActionCache {

    static final int MAX_ENTRIES = 20;
    static final int MAX_KEY_BYTES = 64;
    static final int MAX_VALUE_BYTES = 4096;
    static final int MAX_TOTAL_BYTES = 8192;
    static final long MAX_TTL_MILLIS = 24L * 60 * 60 * 1000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Bucket bucket(String hookId) {
        return buckets.computeIfAbsent(hookId, id -> new Bucket());
    }

    void forget(String hookId) {
        buckets.remove(hookId);
    }

    record Entry(String value, @JsonProperty("expires_at") long expiresAt) {
        int bytes(String key) {
            return utf8(key) + utf8(value);
        }
    }

    static final class Bucket {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        /** The live entries, for the run's JSON request. */
        synchronized Map<String, Entry> snapshot(long nowMillis) {
            purge(nowMillis);
            return new LinkedHashMap<>(entries);
        }

        /** Applies a run's {@code [{op: "set", key, value, expires_at} | {op: "delete", key}]}; checks limits again. */
        synchronized void apply(JsonNode operations, long nowMillis) {
            purge(nowMillis);
            for (JsonNode op : operations) {
                String key = op.path("key").asText();
                if ("delete".equals(op.path("op").asText())) {
                    entries.remove(key);
                } else if (op.path("value").isTextual()) {
                    long expires = Math.min(op.path("expires_at").asLong(0), nowMillis + MAX_TTL_MILLIS);
                    set(key, new Entry(op.path("value").asText(), expires), nowMillis);
                }
            }
        }

        private void set(String key, Entry entry, long nowMillis) {
            if (entry.expiresAt() <= nowMillis || utf8(key) > MAX_KEY_BYTES || utf8(entry.value()) > MAX_VALUE_BYTES) {
                return;
            }
            Entry previous = entries.put(key, entry);
            int total = 0;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                total += e.getValue().bytes(e.getKey());
            }
            if (entries.size() > MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
                // a concurrent run filled the bucket since this run's copy was taken: its write loses
                if (previous == null) {
                    entries.remove(key);
                } else {
                    entries.put(key, previous);
                }
            }
        }

        private void purge(long nowMillis) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (it.next().expiresAt() <= nowMillis) {
                    it.remove();
                }
            }
        }
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
