package io.tokenhook.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a request comes from: the socket's peer, or what trusted proxies say in X-Forwarded-For. */
class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "10.1.1.1 | 203.0.113.7 | 203.0.113.7",                           // one trusted proxy
            "10.1.1.1 | 203.0.113.7, 10.2.2.2 | 203.0.113.7",                 // two trusted proxies
            "10.1.1.1 | 198.51.100.1, 203.0.113.7 | 203.0.113.7",             // the client's own claim is not believed
            "10.1.1.1 | 203.0.113.7, 192.0.2.1 | 203.0.113.7",
            "203.0.113.9 | 198.51.100.1 | 203.0.113.9",                       // the peer is no proxy: its header is ignored
            "10.1.1.1 | null | 10.1.1.1",
            "10.1.1.1 | not-an-address | 10.1.1.1",                           // garbage: the proxy's own view
            "10.1.1.1 | evil.example.com, 10.2.2.2 | 10.2.2.2",
            "10.1.1.1 | 10.3.3.3, 10.2.2.2 | 10.3.3.3",                       // all trusted: the farthest one
            "10.1.1.1 | 999.1.1.1 | 10.1.1.1",
            "fd00::1 | 2001:db8::5 | 2001:db8::5",
            "10.1.1.1 | 2001:db8::5 | 2001:db8::5"})
    void behindTrustedProxiesTheRightmostUntrustedAddressIsTheClient(String peer, String forwardedFor, String client) {
        assertThat(behindProxies.resolve(peer, forwardedFor)).isEqualTo(client);
    }

    @ParameterizedTest
    @CsvSource({"10.1.1.1", "127.0.0.1"})
    void withoutTrustedProxiesTheHeaderIsIgnored(String peer) {
        assertThat(new ClientAddress(List.of()).resolve(peer, "203.0.113.7")).isEqualTo(peer);
    }

    @ParameterizedTest
    @CsvSource({"proxy.example.com", "10.0.0.0/99", "300.1.1.1", "10.0.0.0/8 ; rm"})
    void trustedProxiesMustBeAddressesOrRanges(String proxy) {
        assertThatThrownBy(() -> new ClientAddress(List.of(proxy))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--trusted-proxies");
    }
}
