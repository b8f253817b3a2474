package io.tokenhook.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The authorization server metadata document (RFC 8414; also served as openid-configuration). */
public final class Discovery {
    private Discovery() {}

    public static Map<String, Object> metadata(String issuer) {
        var m = new LinkedHashMap<String, Object>();
        m.put("issuer", issuer);
        m.put("token_endpoint", issuer + "oauth/token");
        m.put("jwks_uri", issuer + ".well-known/jwks.json");
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("response_types_supported", List.of("token"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("scopes_supported", List.of());
        m.put("service_documentation", issuer);
        m.put("subject_types_supported", List.of("public"));
        return m;
    }
}
