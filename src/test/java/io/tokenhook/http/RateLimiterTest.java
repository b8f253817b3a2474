package io.tokenhook.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rates as written, and one bucket per key refilling continuously, driven by a fake clock. */
class RateLimiterTest {
    private final FakeTime time = new FakeTime();

    @ParameterizedTest
    @CsvSource({"100/s, 100, PT1S, 100/s", "600/m, 600, PT1M, 600/m", "100/10m, 100, PT10M, 100/10m",
            "5/500ms, 5, PT0.5S, 5/500ms", "1/d, 1, PT24H, 1/d", "3/90s, 3, PT1M30S, 3/90s"})
    void ratesParseAndPrintAsWritten(String text, long count, Duration period, String printed) {
        var rate = Rate.parse(text);

        assertThat(rate).isEqualTo(new Rate(count, period));
        assertThat(rate.toString()).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({"0", "off", "0/s"})
    void zeroIsOff(String text) {
        assertThat(Rate.parse(text).off()).isTrue();
        assertThat(Rate.parse(text).toString()).isEqualTo("off");
    }

    @ParameterizedTest
    @CsvSource({"100", "100/", "/s", "-1/s", "100/0s", "100/week", "1e3/s", "100 per second"})
    void nonsenseIsRefusedSayingHowToWriteARate(String text) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100/s");
    }

    @Test
    void aBucketHoldsOnePeriodsWorthAndRefillsContinuously() {
        var limiter = new RateLimiter(new Rate(10, Duration.ofSeconds(10)), time, time);
        for (int i = 0; i < 10; i++) assertThat(limiter.take("k").allowed()).isTrue();

        var refused = limiter.take("k");
        assertThat(refused.allowed()).isFalse();
        assertThat(limiter.headers(refused)).containsEntry("Retry-After", "1").containsEntry("X-RateLimit-Limit", "10")
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset", Long.toString(time.instant().plusSeconds(10).getEpochSecond()));
        assertThat(limiter.take("other").allowed()).as("another key").isTrue();

        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.take("k").allowed()).isTrue();
        assertThat(limiter.take("k").allowed()).isFalse();
        time.advance(Duration.ofSeconds(10));
        var full = limiter.take("k");
        assertThat(full.remaining()).isEqualTo(9);
        assertThat(limiter.headers(full)).doesNotContainKey("Retry-After");
    }
}
