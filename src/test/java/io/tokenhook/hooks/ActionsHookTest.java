package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.failure;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenhook.hooks.HookOutcome.Failure;
import io.tokenhook.hooks.HookOutcome.Success;
import io.tokenhook.tenant.Hook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Actions-style hooks: exports.onExecuteCredentialsExchange(event, api), spec 5. */
class ActionsHookTest {

    private final GraalHookRunner runner = HookFixtures.runner();

    private HookOutcome run(String body) {
        return run(hook("action", "exports.onExecuteCredentialsExchange = async (event, api) => {\n" + body + "\n};",
                Map.of("API_KEY", "k1")));
    }

    private HookOutcome run(Hook hook) {
        return runner.runCredentialsExchange(hook, exchange("client-1"));
    }

    @Test
    void eventCarriesTheExchange() throws Exception {
        Success success = success(run("api.accessToken.setCustomClaim('https://t.example/event', JSON.stringify(event));"));

        assertThat(Json.MAPPER.readTree((String) success.claims().get("https://t.example/event"))).isEqualTo(Json.MAPPER.readTree("""
                {"client": {"client_id": "client-1", "name": "Client client-1", "metadata": {"plan": "full"}},
                 "resource_server": {"identifier": "https://api.example.com/"},
                 "request": {"body": {"grant_type": "client_credentials", "client_id": "client-1",
                   "audience": "https://api.example.com/", "custom_param": "value"},
                   "ip": "203.0.113.7", "user_agent": "curl/8.0", "hostname": "auth.example.com", "method": "POST", "geoip": {}},
                 "secrets": {"API_KEY": "k1"}, "tenant": {"id": "acme"},
                 "transaction": {"requested_scopes": ["read:data"]},
                 "accessToken": {"customClaims": {}, "scope": ["read:data"]}}"""));
        assertThat(success.scopes()).containsExactly("read:data");
    }

    @Test
    void customClaimsFollowAuth0sCurrentRules() {
        Success success = success(run("""
                api.accessToken.setCustomClaim('plan', 'gold')
                   .accessToken.setCustomClaim('https://example.com/n', 42);
                api.accessToken.setCustomClaim('iss', 'evil');
                api.accessToken.setCustomClaim('client_id', 'evil');
                api.accessToken.setCustomClaim('urn:auth0:x', 1);
                api.accessToken.setCustomClaim('https://tenant.auth0.com/x', 1);
                api.accessToken.setCustomClaim('roles', ['a', 'b']);"""));

        assertThat(success.claims()).containsExactly(Map.entry("plan", "gold"), Map.entry("https://example.com/n", 42),
                Map.entry("roles", List.of("a", "b")));
        assertThat(success.warnings()).hasSize(4).allSatisfy(w -> assertThat(w).contains("reserved"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "api.access.deny('invalid_scope', 'no write for you')   | 400 | invalid_scope   | no write for you",
            "api.access.deny('invalid_request', 'bad param')        | 400 | invalid_request | bad param",
            "api.access.deny('server_error', 'backend down')        | 500 | server_error    | backend down",
            "api.access.deny('access_denied', 'unknown code')       | 500 | server_error    | unknown code",
            "api.access.deny('invalid_scope')                       | 400 | invalid_scope   | Access denied by hook action",
            "throw new Error('thrown in action')                    | 500 | server_error    | thrown in action",
            "await null; throw new InvalidRequestError('awaited')   | 400 | invalid_request | awaited",
    })
    void denyAndErrors(String body, int status, String error, String description) {
        Failure failure = failure(run(body));

        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.error()).isEqualTo(error);
        assertThat(failure.description()).isEqualTo(description);
    }

    @Test
    void denyWinsOverLaterClaims() {
        Failure failure = failure(run("api.access.deny('invalid_scope', 'first'); api.access.deny('server_error', 'second');"
                + " api.accessToken.setCustomClaim('x', 1);"));

        assertThat(failure.description()).isEqualTo("first");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                                       | read:data",
            "api.transaction.addTargetScope('write:data')                             | read:data write:data",
            "api.transaction.addTargetScope('admin')                                  | read:data",
            "api.transaction.removeTargetScope('read:data')                           | ''",
            "api.transaction.setTargetScopes(['write:data', 'admin', 'read:data'])    | write:data read:data",
            "api.transaction.clearTargetScopes()                                      | ''",
            "api.transaction.clearTargetScopes().transaction.addTargetScope('write:data') | write:data",
    })
    void targetScopesAreIntersectedWithTheGrant(String body, String scopes) {
        Success success = success(run(body));

        assertThat(String.join(" ", success.scopes())).isEqualTo(scopes);
    }

    @Test
    void aHugeTargetListOfNonStringsIsRefusedNotWalkedToTheDeadline() {
        // the list's own map() hands the runtime a sparse array of 4e9 holes, which it must not walk to the end
        Failure failure = failure(run("const scopes = ['read:data']; scopes.map = () => { const a = []; a.length = 4e9; return a; };"
                + " api.transaction.setTargetScopes(scopes);"));

        // which limit stops it first depends on how far the JIT compiled the loop (the interpreter allocates per item)
        assertThat(failure.description()).isIn("hook result cannot be serialized: value is larger than 1 MiB",
                "Hook action exceeded its memory budget of 64 MB");
        assertThat(failure.timedOut()).isFalse();
    }

    @Test
    void cacheKeepsValuesBetweenCallsOfTheHook() {
        String script = """
                exports.onExecuteCredentialsExchange = async (event, api) => {
                  const seen = api.cache.get('last');
                  const put = api.cache.set('last', event.client.client_id, { ttl: 60000 });
                  api.accessToken.setCustomClaim('seen', seen ? seen.value : null);
                  api.accessToken.setCustomClaim('put', put.type);
                };""";
        Hook first = HookFixtures.version("cached", "cached", script, Map.of());

        assertThat(success(runner.runCredentialsExchange(first, exchange("a"))).claims()).containsOnlyKeys("put");
        assertThat(success(runner.runCredentialsExchange(first, exchange("b"))).claims()).containsEntry("seen", "a");
        Hook second = HookFixtures.version("cached", "cached", script + "\n", Map.of());
        assertThat(success(runner.runCredentialsExchange(second, exchange("c"))).claims()).containsEntry("seen", "b");
    }

    @Test
    void cacheEnforcesAuth0sLimits() {
        Success success = success(run("""
                const results = [
                  api.cache.set('k'.repeat(65), 'v').code,
                  api.cache.set('big', 'v'.repeat(4097)).code,
                  api.cache.set('number', 1).code,
                ];
                for (let i = 0; i < 20; i++) api.cache.set('key' + i, 'v');
                results.push(api.cache.set('key20', 'v').code);
                api.cache.delete('key0');
                results.push(api.cache.set('key20', 'v').type, api.cache.get('key0'));
                for (let i = 1; i < 4; i++) api.cache.set('key' + i, 'x'.repeat(3000));
                results.push(api.cache.set('key4', 'x'.repeat(3000)).code);
                api.accessToken.setCustomClaim('results', results.join());"""));

        assertThat(success.claims().get("results"))
                .isEqualTo("KEY_TOO_LARGE,VALUE_TOO_LARGE,INVALID_VALUE,TOO_MANY_ENTRIES,success,,CACHE_FULL");
    }

    @Test
    void timersAndPromisesAreDriven() {
        Success success = success(run("""
                const order = [];
                setImmediate(() => order.push('immediate'));
                await new Promise((resolve) => setTimeout(resolve, 30));
                order.push('timeout');
                const id = setTimeout(() => order.push('cleared'), 1);
                clearTimeout(id);
                let ticks = 0;
                await new Promise((resolve) => { const t = setInterval(() => { if (++ticks === 3) { clearInterval(t); resolve(); } }, 2); });
                queueMicrotask(() => order.push('microtask'));
                await null;
                api.accessToken.setCustomClaim('order', order.join() + ':' + ticks);"""));

        assertThat(success.claims()).containsEntry("order", "immediate,timeout,microtask:3");
        assertThat(success.duration().toMillis()).isGreaterThanOrEqualTo(29);
    }

    @Test
    void synchronousHandlerWorksToo() {
        Success success = success(run(hook("sync", "exports.onExecuteCredentialsExchange = (event, api) => {"
                + " api.accessToken.setCustomClaim('sync', true); };")));

        assertThat(success.claims()).containsEntry("sync", true);
    }
}
