package io.tokenhook.app;

import io.tokenhook.http.Limits;
import io.tokenhook.http.Rate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The abuse-limit flags of {@code serve}: their defaults are {@link Limits#DEFAULTS}, and 0 turns each off. */
class LimitOptionsTest {

    private static Limits parse(String... args) {
        var serve = new Main.Serve();
        new CommandLine(serve).parseArgs(args);
        return serve.limits.toLimits();
    }

    @Test
    void withoutFlagsTheLimitsAreTheDefaults() {
        assertThat(parse()).isEqualTo(Limits.DEFAULTS);
    }

    @Test
    void everyLimitHasAFlag() {
        var limits = parse("--token-limit-per-client", "50/s", "--token-limit-per-ip", "600/m", "--api-limit-per-caller", "10/s",
                "--api-limit-per-ip", "5/10s", "--auth-backoff-after", "3", "--auth-backoff-max", "2m",
                "--auth-failures-per-client", "50/h", "--trusted-proxies", "10.0.0.0/8, 192.0.2.1", "--max-header-size", "16384",
                "--request-read-timeout", "5s", "--idle-timeout", "1m");

        assertThat(limits).isEqualTo(new Limits(Rate.perSecond(50), new Rate(600, Duration.ofMinutes(1)), Rate.perSecond(10),
                new Rate(5, Duration.ofSeconds(10)), 3, Duration.ofMinutes(2), new Rate(50, Duration.ofHours(1)),
                List.of("10.0.0.0/8", "192.0.2.1"), 16384, Duration.ofSeconds(5), Duration.ofMinutes(1)));
    }

    @Test
    void zeroTurnsEachLimitOff() {
        var limits = parse("--token-limit-per-client", "0", "--token-limit-per-ip", "0", "--api-limit-per-caller", "0",
                "--api-limit-per-ip", "0", "--auth-backoff-after", "0", "--auth-failures-per-client", "0",
                "--request-read-timeout", "0", "--idle-timeout", "0");

        assertThat(List.of(limits.tokenPerClient(), limits.tokenPerAddress(), limits.apiPerCaller(), limits.apiPerAddress(),
                limits.authFailuresPerClient())).allMatch(Rate::off);
        assertThat(limits.authBackoffAfter()).isZero();
        assertThat(limits.requestReadTimeout()).isZero();
        assertThat(limits.idleTimeout()).isZero();
    }
}
