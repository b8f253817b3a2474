package io.tokenhook.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClaimPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "https://foo.com/claim, true",
            "http://foo.com/claim, true",
            "HTTPS://Foo.COM, true",
            "https://auth0.com.example.org/x, true",
            "https://notauth0.com/x, true",
            "https://auth0.com/x, false",
            "https://AUTH0.com./x, false",
            "https://tenant.eu.auth0.com/x, false",
            "https://webtask.io/x, false",
            "https://x.webtask.run/x, false",
            "ftp://foo.com/x, false",
            "urn:foo:bar, false",
            "foo.com/claim, false",
            "https:foo, false",
            "https://, false",
            "scope, false",
            "iss, false",
            "plain, false",
    })
    void legacyKeepsOnlyUrlNamespacedClaimsOutsideAuth0(String name, boolean kept) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> claims = ClaimPolicy.legacy(Map.of(name, "v"), warnings);

        assertThat(claims.containsKey(name)).isEqualTo(kept);
        assertThat(warnings).hasSize(kept || name.equals("scope") ? 0 : 1);
    }

    @ParameterizedTest
    @CsvSource({
            "plan, true",
            "https://example.com/x, true",
            "iss, false",
            "permissions, false",
            "may_act, false",
            "urn:auth0:foo, false",
            "URN:AUTH0:foo, false",
            "https://x.auth0.com/y, false",
            "scope, false",
    })
    void actionsKeepsAnyNameButTheRestrictedOnes(String name, boolean kept) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> claims = ClaimPolicy.actions(Map.of(name, 1), warnings);

        assertThat(claims.containsKey(name)).isEqualTo(kept);
        assertThat(warnings).hasSize(kept ? 0 : 1);
    }

    @Test
    void everyReservedClaimIsRefused() {
        for (String reserved : ClaimPolicy.RESERVED) {
            List<String> warnings = new ArrayList<>();
            assertThat(ClaimPolicy.actions(Map.of(reserved, "x"), warnings)).isEmpty();
        }
        assertThat(ClaimPolicy.RESERVED).contains("jti", "client_id", "cnf", "act", "typ", "sid", "org_name");
    }

    @Test
    void sizeLimitIsOneHundredKilobytesOfJson() {
        String name = "https://t.example/x";
        int overhead = Json.write(Map.of(name, "")).length();

        assertThat(ClaimPolicy.withinSizeLimit(Map.of(name, "x".repeat(100 * 1024 - overhead)))).isTrue();
        assertThat(ClaimPolicy.withinSizeLimit(Map.of(name, "x".repeat(100 * 1024 - overhead + 1)))).isFalse();
    }

    @Test
    void namesPastTheRememberedOnesAreStillClassified() {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            assertThat(ClaimPolicy.legacy(Map.of("https://n" + i + ".example/x", "v"), warnings)).hasSize(1);
        }
        assertThat(ClaimPolicy.legacy(Map.of("https://late.auth0.com/x", "v"), warnings)).isEmpty();
        assertThat(ClaimPolicy.legacy(Map.of("late-plain", "v"), warnings)).isEmpty();
        assertThat(ClaimPolicy.legacy(Map.of("https://late.example/x", "v"), warnings)).hasSize(1);
        assertThat(warnings).hasSize(2);
    }
}
