package io.tokenhook.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-off's rules, driven by a fake clock. */
class FailedAuthenticationsTest {
    private final FakeTime time = new FakeTime();
    private final FailedAuthentications backoff = new FailedAuthentications(5, Duration.ofMinutes(5), Rate.OFF, time, time);

    @Test
    void waitWhenFiveFailuresThenDoublesFromOneSecondUpToTheMaximum() {
        for (int i = 0; i < 4; i++) fail("c", "a");
        assertThat(waiting("c", "a")).isZero();

        var waits = new java.util.ArrayList<Long>();
        for (int i = 0; i < 12; i++) {
            fail("c", "a");
            waits.add(waiting("c", "a").toSeconds());
            time.advance(waiting("c", "a"));
        }

        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
    }

    @Test
    void successForgetsTheFailures() {
        for (int i = 0; i < 5; i++) fail("c", "a");
        time.advance(Duration.ofSeconds(1));

        backoff.succeeded("c", "a");
        for (int i = 0; i < 4; i++) fail("c", "a");

        assertThat(waiting("c", "a")).isZero();
    }

    @Test
    void failuresAreForgottenFifteenMinutesAfterTheLatest() {
        for (int i = 0; i < 4; i++) fail("c", "a");
        time.advance(FailedAuthentications.WINDOW.plusSeconds(1));

        fail("c", "a");

        assertThat(waiting("c", "a")).isZero();
    }

    @Test
    void addressesAndClientsAreCountedApart() {
        for (int i = 0; i < 5; i++) fail("c", "attacker");

        assertThat(waiting("c", "attacker")).isPositive();
        assertThat(waiting("c", "other")).isZero();
        assertThat(waiting("d", "attacker")).isZero();
    }

    @Test
    void onceTheClientsBudgetIsSpentAStrangerWaitsTheMaximumAfterOneFailureAndAKnownAddressDoesNot() {
        var budgeted = new FailedAuthentications(5, Duration.ofMinutes(5), new Rate(3, Duration.ofMinutes(10)), time, time);
        budgeted.succeeded("c", "known");
        for (String a : new String[] {"x", "y", "z"}) budgeted.failed("c", a);     // the budget: 3 failures

        budgeted.failed("c", "stranger");
        budgeted.failed("c", "known");

        assertThat(Duration.ofNanos(budgeted.waitNanos("c", "stranger"))).isEqualTo(Duration.ofMinutes(5));
        assertThat(budgeted.waitNanos("c", "known")).isZero();
        assertThat(budgeted.waitNanos("c", "x")).as("failed while the budget lasted").isZero();
        // the budget refills: one failure every 200 s (3 per 10 minutes)
        time.advance(Duration.ofMinutes(10));
        budgeted.failed("c", "newcomer");
        assertThat(budgeted.waitNanos("c", "newcomer")).isZero();
    }

    @Test
    void aClientThatMostlySucceedsFromOneAddressIsNeverMadeToWaitEvenWithItsBudgetSpent() {
        // bench/run's load: one address, one client id, every twentieth secret wrong, far beyond the failure budget
        var budgeted = new FailedAuthentications(5, Duration.ofMinutes(5), new Rate(100, Duration.ofMinutes(10)), time, time);
        for (int i = 1; i <= 20_000; i++) {
            assertThat(budgeted.waitNanos("bench", "127.0.0.1")).isZero();
            if (i % 20 == 0) budgeted.failed("bench", "127.0.0.1");
            else budgeted.succeeded("bench", "127.0.0.1");
            time.advance(Duration.ofNanos(50_000));
        }
    }

    private void fail(String client, String address) {
        backoff.failed(client, address);
    }

    private Duration waiting(String client, String address) {
        return Duration.ofNanos(backoff.waitNanos(client, address));
    }
}
