package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.failure;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.reported;
import static io.tokenhook.hooks.HookFixtures.reporting;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenhook.hooks.HookOutcome.ConsoleLine;
import io.tokenhook.hooks.HookOutcome.Failure;
import io.tokenhook.hooks.HookOutcome.Success;
import io.tokenhook.tenant.Hook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Auth0 credentials-exchange hooks, spec 3.2-3.4, run unchanged. */
class LegacyHookTest {

    private final GraalHookRunner runner = HookFixtures.runner();

    private HookOutcome run(String script) {
        return runner.runCredentialsExchange(hook("legacy", script), exchange("client-1"));
    }

    @Test
    void seedHookAddsClaimAndPushesScope() {
        Success success = success(run(HookFixtures.SEED));

        assertThat(success.scopes()).containsExactly("read:data", "extra");
        assertThat(success.claims()).containsExactly(Map.entry("https://foo.com/claim", "bar"));
        assertThat(success.warnings()).isEmpty();
    }

    @Test
    void hookSeesClientScopeAudienceAndContext() throws Exception {
        Object seen = reported(run(reporting(
                "JSON.stringify({client, scope, audience, ip: context.ip, ua: context.userAgent, host: context.hostname, body: context.body})")));

        assertThat(Json.MAPPER.readTree((String) seen)).isEqualTo(Json.MAPPER.readTree("""
                {"client": {"id": "client-1", "name": "Client client-1", "tenant": "acme", "metadata": {"plan": "full"}},
                 "scope": ["read:data"], "audience": "https://api.example.com/", "ip": "203.0.113.7", "ua": "curl/8.0",
                 "host": "auth.example.com", "body": {"grant_type": "client_credentials", "client_id": "client-1",
                 "audience": "https://api.example.com/", "custom_param": "value"}}"""));
    }

    @Test
    void requestParametersNamedLikePrototypeKeysStayPlainData() {
        Map<String, String> body = new java.util.LinkedHashMap<>(exchange("c").requestBody());
        body.put("__proto__", "polluted");
        body.put("constructor", "x");
        ExchangeContext exchange = new ExchangeContext("c", "C", "acme", Map.of("__proto__", "m"), List.of(), "aud",
                "203.0.113.7", null, null, body, List.of(), List.of("a", "b"));

        Object seen = reported(runner.runCredentialsExchange(hook("proto", reporting(
                "[context.body.__proto__, Object.getPrototypeOf(context.body) === Object.prototype, context.body.constructor,"
                        + " client.metadata.__proto__, scope.length, context.userAgent, typeof context.hostname].join('|')")),
                exchange));

        assertThat(seen).isEqualTo("polluted|true|x|m|0||undefined");
    }

    @Test
    void secretsReachTheHook() {
        Hook hook = hook("secrets", reporting("context.webtask.secrets.API_KEY + '/' + Object.keys(context.webtask.secrets)"),
                Map.of("API_KEY", "s3cr3t"));

        assertThat(reported(runner.runCredentialsExchange(hook, exchange("c")))).isEqualTo("s3cr3t/API_KEY");
    }

    @Test
    void scopeIsUndefinedWhenNothingIsGranted() {
        Hook hook = hook("noscope", reporting("typeof scope"));

        assertThat(reported(runner.runCredentialsExchange(hook, exchange("c", null)))).isEqualTo("undefined");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"cb()", "cb(null)", "cb(null, null)", "cb(undefined, undefined)"})
    void noResultLeavesTheTokenUnchanged(String call) {
        Success success = success(run("module.exports = function (c, scope, a, ctx, cb) { " + call + "; };"));

        assertThat(success.scopes()).containsExactly("read:data");
        assertThat(success.claims()).isEmpty();
    }

    @Test
    void resultWithoutScopeResetsTheScopes() {
        assertThat(success(run("module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };")).scopes()).isEmpty();
    }

    @Test
    void scopeStringIsSpaceSeparatedAndMayAddUndefinedScopes() {
        Success success = success(run("module.exports = function (c, s, a, ctx, cb) { cb(null, { scope: 'read:data  extra other' }); };"));

        assertThat(success.scopes()).containsExactly("read:data", "extra", "other");
    }

    @Test
    void invalidScopeValueFails() {
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) { cb(null, { scope: [1, 2] }); };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.description()).contains("scope");
    }

    @Test
    void onlyUrlNamespacedClaimsOutsideAuth0AreKept() {
        Success success = success(run("""
                module.exports = function (client, scope, audience, context, cb) {
                  cb(null, { scope: scope, plain: 1, iss: 'x', 'urn:x': 2, 'ftp://files.example/a': 3,
                    'https://example.com/ok': { nested: [1, 'two'] }, 'http://EXAMPLE.org/ok': true,
                    'https://auth0.com/no': 1, 'https://tenant.auth0.com/no': 1, 'https://webtask.io/no': 1,
                    'https://x.webtask.run/no': 1, 'https://notauth0.com/ok': 1, 'https://example.com/null': null });
                };"""));

        assertThat(success.claims()).containsOnlyKeys("https://example.com/ok", "http://EXAMPLE.org/ok", "https://notauth0.com/ok");
        assertThat(success.claims().get("https://example.com/ok")).isEqualTo(Map.of("nested", List.of(1, "two")));
        assertThat(success.warnings()).hasSize(9).anySatisfy(w -> assertThat(w).contains("'plain'"))
                .anySatisfy(w -> assertThat(w).contains("'iss'").contains("reserved"))
                .anySatisfy(w -> assertThat(w).contains("https://tenant.auth0.com/no"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cb(new InvalidScopeError('scope x is not allowed'))        | 400 | invalid_scope   | scope x is not allowed",
            "cb(InvalidScopeError('without new'))                       | 400 | invalid_scope   | without new",
            "cb(new InvalidRequestError('missing tenant_hint'))         | 400 | invalid_request | missing tenant_hint",
            "cb(new ServerError('backend down'))                        | 500 | server_error    | backend down",
            "cb(new Error('access denied'))                             | 500 | server_error    | access denied",
            "throw new Error('thrown')                                  | 500 | server_error    | thrown",
            "throw new InvalidScopeError('thrown scope')                | 400 | invalid_scope   | thrown scope",
            "scope.nope.push('x')                                       | 500 | server_error    | Cannot read property 'push' of undefined",
            "cb('just a string')                                        | 500 | server_error    | just a string",
            "setTimeout(function () { cb(new InvalidRequestError('late')); }, 5) | 400 | invalid_request | late",
            "setTimeout(function () { throw new Error('in a timer'); }, 1)       | 500 | server_error    | in a timer",
            "return Promise.reject(new Error('async legacy'))            | 500 | server_error    | async legacy",
    })
    void errorsMapToOAuthErrors(String body, int status, String error, String description) {
        Failure failure = failure(run("module.exports = function (client, scope, audience, context, cb) { " + body + "; };"));

        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.error()).isEqualTo(error);
        assertThat(failure.description()).isEqualTo(description);
        assertThat(failure.timedOut()).isFalse();
    }

    @Test
    void errorClassesAreErrorsWithNames() {
        Object seen = reported(run(reporting("[new InvalidScopeError('m') instanceof Error, new ServerError('m').name,"
                + " new InvalidRequestError('m').message, String(new InvalidScopeError('m'))].join()")));

        assertThat(seen).isEqualTo("true,ServerError,m,InvalidScopeError: m");
    }

    @Test
    void failureCarriesTheStack() {
        Failure failure = failure(run("function deny() { throw new Error('nope'); }\n"
                + "module.exports = function (c, s, a, ctx, cb) { deny(); };"));

        assertThat(failure.stack()).contains("nope").contains("deny").contains("legacy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"42", "'a string'", "[1, 2]", "true"})
    void nonObjectResultFails(String result) {
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) { cb(null, " + result + "); };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.error()).isEqualTo("server_error");
    }

    @Test
    void claimsOverOneHundredKilobytesFail() {
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) {"
                + " cb(null, { 'https://t.example/big': 'x'.repeat(101 * 1024) }); };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.description()).isEqualTo("custom claims exceed 100 KB");
    }

    @Test
    void controlCharactersCountAsTheirJsonEscapesTowardsTheOneHundredKilobytes() {
        // 20,000 characters, 120 KB as JSON (\u0001 is six bytes there): the string-only form must not pass it as small
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) {"
                + " cb(null, { 'https://t.example/ctl': '\\u0001'.repeat(20000) }); };"));

        assertThat(failure.description()).isEqualTo("custom claims exceed 100 KB");
    }

    @Test
    void stringsWithTheStringOnlyFormsSeparatorsArriveExactly() {
        Success success = success(run("module.exports = function (c, s, a, ctx, cb) {"
                + " console.log('12:ab;', '3;'); var r = { scope: '1:x 2;y' };"
                + " r['https://t.example/a:1;2'] = '3:x;\\u00e9\\ud83d\\ude00'; r['https://t.example/empty'] = '';"
                + " cb(null, r); };"));

        assertThat(success.scopes()).containsExactly("1:x", "2;y");
        assertThat(success.claims()).containsExactly(Map.entry("https://t.example/a:1;2", "3:x;\u00e9\ud83d\ude00"),
                Map.entry("https://t.example/empty", ""));
        assertThat(success.console()).containsExactly(new ConsoleLine("log", "12:ab; 3;"));
    }

    @Test
    void aResultWithOtherValuesIsReadOnceAndKeepsThemAll() {
        Success success = success(run("module.exports = function (c, scope, a, ctx, cb) { var reads = 0;"
                + " var r = { scope: scope, 'https://t.example/n': 7, 'https://t.example/o': { deep: [true, null] } };"
                + " Object.defineProperty(r, 'https://t.example/g', { enumerable: true, get: function () { return 'read ' + (++reads); } });"
                + " cb(null, r); };"));

        assertThat(success.scopes()).containsExactly("read:data");
        assertThat(success.claims()).containsEntry("https://t.example/n", 7)
                .containsEntry("https://t.example/o", Map.of("deep", java.util.Arrays.asList(true, null)))
                .containsEntry("https://t.example/g", "read 1");
    }

    @Test
    void scopesCountTowardsTheOneHundredKilobytes() {
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) {"
                + " var scope = []; for (var i = 0; i < 400; i++) scope.push('scope:' + i + ':' + 'z'.repeat(300));"
                + " cb(null, { scope: scope }); };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.description()).isEqualTo("custom claims and scopes exceed 100 KB");
    }

    @Test
    void aResultOverOneMebibyteIsRefusedBeforeTheRuntimeCopiesIt() {
        // 40 MB fits the 64 MB allocation budget; a second copy of it, to serialize, would not
        Failure failure = failure(run("module.exports = function (c, s, a, ctx, cb) {"
                + " cb(null, { 'https://t.example/big': 'x'.repeat(40 << 20) }); };"));

        assertThat(failure.description()).isEqualTo("hook result cannot be serialized: value is larger than 1 MiB");
    }

    @Test
    void firstCallbackWins() {
        Success success = success(run("module.exports = function (c, s, a, ctx, cb) {"
                + " cb(null, { 'https://t.example/r': 1 }); cb(new Error('second')); cb(null, { 'https://t.example/r': 2 }); };"));

        assertThat(success.claims()).containsEntry("https://t.example/r", 1);
    }

    @Test
    void callbackFromATimer() {
        Success success = success(run("module.exports = function (c, scope, a, ctx, cb) {"
                + " setTimeout(function (x) { cb(null, { scope: scope, 'https://t.example/r': x }); }, 20, 'later'); };"));

        assertThat(success.claims()).containsEntry("https://t.example/r", "later");
        assertThat(success.duration().toMillis()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void consoleIsCapturedPerCall() {
        Success success = success(run("""
                module.exports = function (client, scope, audience, context, cb) {
                  console.log('hello', client.id, { a: 1 });
                  console.warn('careful');
                  console.error(new Error('shown'));
                  cb(null, { scope: scope });
                };"""));

        assertThat(success.console()).hasSize(3);
        assertThat(success.console().get(0)).isEqualTo(new ConsoleLine("log", "hello client-1 {\"a\":1}"));
        assertThat(success.console().get(1)).isEqualTo(new ConsoleLine("warn", "careful"));
        assertThat(success.console().get(2).message()).startsWith("Error: shown");
    }

    @Test
    void consoleIsBounded() {
        Success success = success(run("""
                module.exports = function (c, s, a, ctx, cb) {
                  console.log('y'.repeat(5000));
                  for (var i = 0; i < 500; i++) console.log('line ' + i);
                  cb();
                };"""));

        assertThat(success.console()).hasSize(101);
        assertThat(success.console().get(0).message()).hasSize(1000 + "... [line truncated]".length());
        assertThat(success.console().get(100).message()).isEqualTo("[console output truncated]");
    }

    @Test
    void aLoggedObjectIsWrittenOnlyAsFarAsALineShowsIt() {
        // deep and circular: written in full it would be 64 levels of 5,000 characters before the depth limit
        Success success = success(run("""
                module.exports = function (c, s, a, ctx, cb) {
                  var o = { big: 'x'.repeat(5000) };
                  o.self = o;
                  console.log('object', o);
                  cb();
                };"""));

        String line = success.console().get(0).message();
        assertThat(line).startsWith("object {\"big\":\"xxx").endsWith("... [line truncated]");
        assertThat(line).hasSize(1000 + "... [line truncated]".length());
    }

    @Test
    void globalsPersistBetweenCallsOfOneVersionButNotAcrossHooksOrVersions() {
        String counter = "var calls = 0; globalThis.seenBy = globalThis.seenBy || 'counter';\n"
                + reporting("++calls + ':' + (typeof leaked)");
        Hook first = HookFixtures.version("counter", "counter", counter, Map.of());
        Hook leaker = hook("leaker", "globalThis.leaked = 'yes';\n" + reporting("leaked"));

        assertThat(reported(runner.runCredentialsExchange(first, exchange("a")))).isEqualTo("1:undefined");
        assertThat(reported(runner.runCredentialsExchange(leaker, exchange("a")))).isEqualTo("yes");
        assertThat(reported(runner.runCredentialsExchange(first, exchange("b")))).isEqualTo("2:undefined");

        Hook second = HookFixtures.version("counter", "counter", counter + "\n", Map.of());
        assertThat(reported(runner.runCredentialsExchange(second, exchange("c")))).isEqualTo("1:undefined");
    }

    @Test
    void runTestDoesWhatAnExchangeDoes() {
        Success success = success(runner.runTest(hook("draft", HookFixtures.SEED), exchange("client-1")));

        assertThat(success.scopes()).containsExactly("read:data", "extra");
        assertThat(success.claims()).containsEntry("https://foo.com/claim", "bar");
    }
}
