package io.tokenhook.dashboard;

import io.tokenhook.management.ApiCall;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.Changes;
import io.tokenhook.management.Operation;

import java.util.LinkedHashMap;
import java.util.Set;

/**
 * {@code POST /api/v2/clients/{id}/test-token} {@code {"audience", "scope"?}} (scope {@code update:clients}):
 * the real client credentials exchange for an application, run on its behalf because its secret is stored only
 * as a hash. The hook runs and the exchange is logged as any other (naming who asked), plus an {@code sapi}
 * event. Answers {@code {"status", "response"}}: what {@code POST /oauth/token} would have answered.
 */
final class TestTokenAction {
    static final Operation OPERATION = new Operation("Issue a test token for a client", "client", "test_token");
    private final Changes changes;
    private final Dashboard.TokenExchange exchange;

    TestTokenAction(Changes changes, Dashboard.TokenExchange exchange) {
        this.changes = changes;
        this.exchange = exchange;
    }

    Object run(ApiCall call) {
        call.caller().require("update:clients");
        String clientId = call.path("id");
        var body = call.body().allowOnly(Set.of("audience", "scope")).require("audience");
        String audience = body.string("audience", 1, 600);
        String scope = body.string("scope", 0, 2000);
        if (changes.store().read(tx -> tx.client(clientId)).isEmpty()) {
            throw ApiError.notFound("The client does not exist", "inexistent_client");
        }
        var result = exchange.exchange(clientId, audience, scope == null || scope.isBlank() ? null : scope.trim(),
                call.ip(), call.userAgent(), call.caller().actor());
        changes.record(call, call.change());
        var out = new LinkedHashMap<String, Object>();
        out.put("status", result.status());
        out.put("response", result.body());
        return out;
    }
}
