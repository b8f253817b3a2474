package io.tokenhook.events;

import io.tokenhook.tenant.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The subset of Auth0's Lucene log search that {@code q} accepts. */
class LogFilterTest {

    private static LogEvent event(String logId, String type, String clientId) {
        return new LogEvent(logId, Instant.EPOCH, type, "d", clientId, null, "https://api/", null, null, null, null, Map.of());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void parseWhenBlankThenMatchesEverything(String q) {
        assertThat(LogFilter.parse(q)).isEqualTo(LogFilter.ALL);
        assertThat(LogFilter.ALL.test(event("1", "seccft", "c"))).isTrue();
    }

    @Test
    void parseWhenSingleTypeThenThatType() {
        var f = LogFilter.parse("type:seccft");
        assertThat(f.types()).containsExactly("seccft");
        assertThat(f.test(event("1", "seccft", "c"))).isTrue();
        assertThat(f.test(event("1", "feccft", "c"))).isFalse();
    }

    @Test
    void parseWhenOrListThenAnyOfTypes() {
        var f = LogFilter.parse("type:(seccft OR feccft)");
        assertThat(f.types()).containsExactly("seccft", "feccft");
        assertThat(LogFilter.parse("type:(\"seccft\" OR \"sapi\")").types()).containsExactly("seccft", "sapi");
        assertThat(f.test(event("1", "sapi", "c"))).isFalse();
    }

    @Test
    void parseWhenClausesJoinedBySpaceOrAndThenAllApply() {
        var spaced = LogFilter.parse("type:seccft client_id:abc");
        var anded = LogFilter.parse("  type:seccft AND client_id:abc  ");
        assertThat(anded).isEqualTo(spaced);
        assertThat(anded.clientId()).isEqualTo("abc");
        assertThat(anded.test(event("1", "seccft", "abc"))).isTrue();
        assertThat(anded.test(event("1", "seccft", "xyz"))).isFalse();
    }

    @Test
    void parseWhenQuotedValueThenUnquotedAndUnescaped() {
        assertThat(LogFilter.parse("audience:\"https://api.example/v1\"").audience()).isEqualTo("https://api.example/v1");
        assertThat(LogFilter.parse("client_id:\"a\\\"b\"").clientId()).isEqualTo("a\"b");
        assertThat(LogFilter.parse("hook_id:01GEPVQEH9SX3RSTYY561TR92N").hookId()).isEqualTo("01GEPVQEH9SX3RSTYY561TR92N");
    }

    @Test
    void parseWhenInclusiveRangeOpenAboveThenFromOnly() {
        var f = LogFilter.parse("log_id:[0005 TO *]");
        assertThat(f.logIdFrom()).isEqualTo("0005");
        assertThat(f.logIdAfter()).isNull();
        assertThat(f.logIdTo()).isNull();
        assertThat(f.test(event("0005", "t", "c"))).isTrue();
        assertThat(f.test(event("0006", "t", "c"))).isTrue();
        assertThat(f.test(event("0004", "t", "c"))).isFalse();
    }

    @Test
    void parseWhenExclusiveRangeThenBoundsExcluded() {
        var f = LogFilter.parse("log_id:{0002 TO 0005}");
        assertThat(f.logIdAfter()).isEqualTo("0002");
        assertThat(f.logIdBefore()).isEqualTo("0005");
        assertThat(f.test(event("0002", "t", "c"))).isFalse();
        assertThat(f.test(event("0003", "t", "c"))).isTrue();
        assertThat(f.test(event("0005", "t", "c"))).isFalse();
        var closed = LogFilter.parse("log_id:[* TO 0005]");
        assertThat(closed.logIdFrom()).isNull();
        assertThat(closed.test(event("0005", "t", "c"))).isTrue();
        assertThat(closed.test(event("0006", "t", "c"))).isFalse();
    }

    @Test
    void parseWhenSingleLogIdThenExactMatch() {
        var f = LogFilter.parse("log_id:0007");
        assertThat(f.test(event("0007", "t", "c"))).isTrue();
        assertThat(f.test(event("0008", "t", "c"))).isFalse();
        assertThat(f.test(event("0006", "t", "c"))).isFalse();
    }

    @Test
    void toQueryWhenParsedThenCarriesEveryBound() {
        var q = LogFilter.parse("type:(seccft OR feccft) client_id:c audience:a log_id:{1 TO 9]").toQuery(true, 20, 10);
        assertThat(q.types()).containsExactlyInAnyOrder("seccft", "feccft");
        assertThat(q.clientId()).isEqualTo("c");
        assertThat(q.audience()).isEqualTo("a");
        assertThat(q.logIdAfter()).isEqualTo("1");
        assertThat(q.logIdTo()).isEqualTo("9");
        assertThat(q.ascending()).isTrue();
        assertThat(q.offset()).isEqualTo(20);
        assertThat(q.limit()).isEqualTo(10);
    }

    @Test
    void parseWhenLongGarbageThenRejectedInLinearTime() {
        String q = "type:seccft " + "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatIllegalArgumentException().isThrownBy(() -> LogFilter.parse(q)).withMessageContaining("Invalid query near"));
    }

    /** A regex alternation in a loop recursed once per character: 8 KB of quoted value overflowed a Jetty thread's stack. */
    @ParameterizedTest
    @ValueSource(strings = {"x", "\\\"", "a\\\\"})
    void parseWhenLongQuotedValueThenParsedOnASmallStack(String unit) throws Exception {
        String value = unit.repeat(50_000 / unit.length());
        String expected = value.replaceAll("\\\\(.)", "$1");
        var parsed = new java.util.concurrent.atomic.AtomicReference<Object>();
        Thread t = new Thread(null, () -> {
            try {
                parsed.set(LogFilter.parse("client_id:\"" + value + "\" description:\"" + value + "\""));
            } catch (Throwable e) {
                parsed.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(parsed.get()).isInstanceOf(IllegalArgumentException.class);
        assertThat(((Throwable) parsed.get())).hasMessageContaining("Unsupported search field 'description'");
        assertThat(LogFilter.parse("client_id:\"" + value + "\"").clientId()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seccft", "foo:bar", "client_id:\"abc", "client_id:\"abc\\\"", "client_id:\"\\", "type:", "type:(", "type:()", "type:[a TO b]", "client_id:(a OR b)",
            "log_id:[1 TO", "type:seccft OR type:feccft", "type:seccft AND", "TYPE:seccft", "type:seccft)"})
    void parseWhenUnsupportedOrMalformedThenIllegalArgument(String q) {
        assertThatIllegalArgumentException().isThrownBy(() -> LogFilter.parse(q)).withMessageNotContaining("null");
    }
}
