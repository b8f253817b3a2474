package io.tokenhook.compat;

import com.auth0.client.auth.AuthAPI;
import com.auth0.client.mgmt.ManagementAPI;
import com.auth0.client.mgmt.filter.ResourceServersFilter;
import com.auth0.exception.APIException;
import com.auth0.json.auth.TokenHolder;
import com.auth0.net.client.Auth0HttpClient;
import com.auth0.net.client.DefaultHttpClient;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokenhook.app.Config;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auth0's Java SDK ({@code com.auth0:auth0} 2.x) against Tokenhook over HTTPS, as a Java service migrating from
 * Auth0 uses it: only the domain changes. The SDK has no TLS options of its own (its OkHttp client takes the JVM's
 * trust store), so the test gives it a trust store holding the server's {@code ca.pem}, as the README tells Java
 * clients to do.
 */
class Auth0JavaSdkTest {
    private static final String AUDIENCE = "https://api.example.com/java-sdk";
    private static TestServer server;
    private static Auth0HttpClient http;
    private static String domain;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithTls(TestDatabase.tempDir("tokenhook-java-sdk"), Map.of(), new Config.Tls(null, null, true), null);
        domain = "localhost:" + server.port();
        http = withTrustStore(trustStoreOf(server.dataDir().resolve("ca.pem")), () -> DefaultHttpClient.newBuilder().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestTokenWhenApplicationIsGrantedThenTokenCarriesTheHooksClaimsAndVerifies() throws Exception {
        var app = server.appWithGrant(AUDIENCE, List.of("read:data"), List.of("read:data"));
        server.apiOk("POST", "/hooks", Map.of("name", "java-sdk-hook", "script", SeedHook.SCRIPT,
                "triggerId", "credentials-exchange", "enabled", true), 201);
        AuthAPI auth = AuthAPI.newBuilder(domain, app.clientId(), app.clientSecret()).withHttpClient(http).build();

        TokenHolder token = auth.requestToken(AUDIENCE).execute().getBody();

        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getExpiresIn()).isEqualTo(86400);
        assertThat(token.getScope()).isEqualTo("read:data extra");
        JWTClaimsSet claims = verified(token.getAccessToken());
        assertThat(claims.getIssuer()).isEqualTo("https://" + domain + "/");
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo(app.clientId() + "@clients");
        assertThat(claims.getStringClaim("https://foo.com/claim")).isEqualTo("bar");
    }

    @Test
    void requestTokenWhenSecretIsWrongThenApiExceptionWithTheOAuthError() {
        var app = server.appWithGrant(AUDIENCE + "/refused", List.of("read:data"), List.of("read:data"));
        AuthAPI auth = AuthAPI.newBuilder(domain, app.clientId(), "not-the-secret").withHttpClient(http).build();
        assertThatThrownBy(() -> auth.requestToken(AUDIENCE + "/refused").execute())
                .isInstanceOfSatisfying(APIException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getError()).isEqualTo("invalid_client");
                });
    }

    @Test
    void managementApiWhenCalledWithAnAuthApiTokenThenListsWithPaging() throws Exception {
        AuthAPI auth = AuthAPI.newBuilder(domain, TestServer.ADMIN_ID, TestServer.ADMIN_SECRET).withHttpClient(http).build();
        String token = auth.requestToken("https://" + domain + "/api/v2/").execute().getBody().getAccessToken();
        ManagementAPI management = ManagementAPI.newBuilder(domain, token).withHttpClient(http).build();
        var page = management.resourceServers().list(new ResourceServersFilter().withPage(0, 1).withTotals(true)).execute().getBody();
        assertThat(page.getItems()).hasSize(1);
        assertThat(page.getTotal()).isGreaterThanOrEqualTo(1);
    }

    /** Verifies the signature against the server's JWKS, as a Java resource server would. */
    private static JWTClaimsSet verified(String jwt) throws Exception {
        var jwks = JWKSet.parse(server.get("/.well-known/jwks.json").text());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        return processor.process(jwt, null);
    }

    private static Path trustStoreOf(Path caPem) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("tokenhook-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = caPem.resolveSibling("ca-truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    /**
     * Builds with {@code javax.net.ssl.trustStore} pointing at {@code trustStore} (what {@code -Djavax.net.ssl.trustStore}
     * does for a whole JVM), then puts the properties back so no other test sees them.
     */
    private static <T> T withTrustStore(Path trustStore, java.util.function.Supplier<T> build) {
        var names = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");
        var saved = names.stream().map(n -> System.getProperty(n, "")).toList();
        System.setProperty(names.get(0), trustStore.toString());
        System.setProperty(names.get(1), "changeit");
        System.setProperty(names.get(2), "PKCS12");
        try {
            return build.get();
        } finally {
            for (int i = 0; i < names.size(); i++) {
                if (saved.get(i).isEmpty()) System.clearProperty(names.get(i));
                else System.setProperty(names.get(i), saved.get(i));
            }
        }
    }
}
