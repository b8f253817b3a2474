package io.tokenhook.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.Caller;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whom the Management API's per-caller limit counts: an application by client id, a dashboard user by name. */
class ApiLimitsKeysTest {
    private final FakeTime time = new FakeTime();
    private final ApiLimits limits = new ApiLimits(Limits.NO_RATE_LIMITS.withRates(Rate.OFF, Rate.OFF,
            new Rate(1, Duration.ofMinutes(1)), Rate.OFF), time, time, new Rejections(new SimpleMeterRegistry()));

    @Test
    void anApplicationAndADashboardUserOfTheSameNameAreCountedApart() {
        var application = new Caller("admin", Set.of(), "admin");
        var user = new Caller(null, Set.of(), "admin");

        limits.admit(application);
        assertThat(limits.admit(user)).containsEntry("X-RateLimit-Remaining", "0");
        assertThatThrownBy(() -> limits.admit(application)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.statusCode()).isEqualTo(429));
    }

    @Test
    void withTheLimitOffNoHeadersAreSent() {
        var off = new ApiLimits(Limits.NO_RATE_LIMITS, time, time, new Rejections(new SimpleMeterRegistry()));

        assertThat(off.admit(new Caller("c", Set.of(), "c"))).isEmpty();
        assertThat(off.unauthenticated("203.0.113.1")).isEmpty();
    }
}
