package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.reported;
import static io.tokenhook.hooks.HookFixtures.reporting;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenhook.hooks.HookOutcome.Success;
import io.tokenhook.tenant.Hook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hooks are untrusted: no way out of the sandbox, and tampering stays inside the hook's own results. */
class HookSandboxTest {

    private final GraalHookRunner runner = HookFixtures.runner();

    /** Runs {@code attempt} inside the hook; reports what it returned, or "blocked: <error>". */
    private Object attempt(String attempt) {
        String script = "module.exports = function (client, scope, audience, context, cb) {\n"
                + "  var r; try { r = (function () { return " + attempt + "; })(); } catch (e) { r = 'blocked: ' + e; }\n"
                + "  cb(null, { 'https://t.example/r': String(r) });\n"
                + "};";
        return reported(runner.runCredentialsExchange(hook("escape", script), exchange("c")));
    }

    @AfterEach
    void aNormalHookStillWorks() {
        Success success = success(runner.runCredentialsExchange(hook("normal", HookFixtures.SEED), exchange("c")));
        assertThat(success.scopes()).containsExactly("read:data", "extra");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Java.type('java.lang.System').exit(3)                         | blocked: ReferenceError: Java is not defined",
            "Java.addToClasspath('/tmp')                                   | blocked: ReferenceError: Java is not defined",
            "Polyglot.eval('js', '1 + 1')                                  | blocked: ReferenceError: Polyglot is not defined",
            "Polyglot.import('anything')                                   | blocked: ReferenceError: Polyglot is not defined",
            "this.constructor.constructor('return process')().env          | blocked: ReferenceError: process is not defined",
            "Function('return this')().Java                                | undefined",
            "process.env.HOME                                              | blocked: ReferenceError: process is not defined",
            "globalThis.Packages                                           | undefined",
            "Packages.java.lang.Runtime.getRuntime().exec('id')            | blocked: ReferenceError: Packages is not defined",
            "java.lang.System.getenv()                                     | blocked: ReferenceError: java is not defined",
            "load('/etc/passwd')                                           | blocked: ReferenceError: load is not defined",
            "loadWithNewGlobal({ script: '1', name: 'x' })                 | blocked: ReferenceError: loadWithNewGlobal is not defined",
            "print('to stdout')                                            | blocked: ReferenceError: print is not defined",
            "quit()                                                        | blocked: ReferenceError: quit is not defined",
            "Graal.versionGraalVM                                          | blocked: ReferenceError: Graal is not defined",
            "require('fs').readFileSync('/etc/passwd')                     | blocked: Error: Module 'fs' is not available in Tokenhook hooks",
            "require('child_process').execSync('id')                       | blocked: Error: Module 'child_process' is not available in Tokenhook hooks",
            "require('node:net')                                           | blocked: Error: Module 'net' is not available in Tokenhook hooks",
            "require('../../../etc/passwd')                                | blocked: Error: Module '../../../etc/passwd' is not available in Tokenhook hooks: only allowlisted pure-JS modules can be required",
            "module.constructor._load('fs')                                | blocked: TypeError: module.constructor._load is not a function",
            "eval('Java')                                                  | blocked: ReferenceError: Java is not defined",
            "new SharedArrayBuffer(8)                                      | blocked: ReferenceError: SharedArrayBuffer is not defined",
            "Atomics.wait(new Int32Array(4), 0, 0)                         | blocked: ReferenceError: Atomics is not defined",
            "typeof WebAssembly + typeof fetch + typeof Worker + typeof XMLHttpRequest | undefinedundefinedundefinedundefined",
            "['Java', 'Polyglot', 'Graal', 'Packages', 'java', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit', 'arguments', 'process', 'edu', 'javafx', 'javax', 'com', 'org'].filter(function (n) { return Object.getOwnPropertyNames(globalThis).indexOf(n) >= 0; }).length | 0",
            "readline()                                                    | blocked: ReferenceError: readline is not defined",
    })
    void escapeAttemptFailsSafely(String attempt, String expected) {
        assertThat(attempt(attempt)).isEqualTo(expected);
    }

    @Test
    void dynamicImportIsRefused() {
        Success success = success(runner.runCredentialsExchange(hook("import", """
                module.exports = function (client, scope, audience, context, cb) {
                  import('fs').then(function () { cb(null, { 'https://t.example/r': 'escaped' }); },
                                    function (e) { cb(null, { 'https://t.example/r': 'blocked' }); });
                };"""), exchange("c")));

        assertThat(success.claims()).containsEntry("https://t.example/r", "blocked");
    }

    @Test
    void hookSeesNoHostObjects() {
        Object seen = attempt("[typeof context, Object.getPrototypeOf(context) === Object.prototype,"
                + " Object.getPrototypeOf(cb) === Function.prototype, JSON.stringify(Object.keys(context).sort())].join()");

        // the arguments were parsed from JSON inside the context: plain JavaScript values
        assertThat(seen).isEqualTo("object,true,true,[\"body\",\"hostname\",\"ip\",\"userAgent\",\"webtask\"]");
    }

    @Test
    void prototypeTamperingDoesNotSteerTheNextCallsResult() {
        Hook tampering = hook("tamper", """
                var calls = 0;
                module.exports = function (client, scope, audience, context, cb) {
                  if (++calls === 1) {
                    Object.prototype['https://evil.example/leak'] = 'leaked';
                    Object.prototype.scope = ['admin'];
                    Object.prototype.toJSON = function () { return { scope: ['admin'], 'https://evil.example/json': 1 }; };
                    Array.prototype.toJSON = function () { return ['admin']; };
                    JSON.stringify = function () { return '{"scope":["admin"]}'; };
                    JSON.parse = function () { return { scope: ['admin'] }; };
                    Object.keys = function () { return ['scope']; };
                  }
                  cb(null, { 'https://t.example/r': calls });
                };""");

        for (int call = 1; call <= 2; call++) {
            Success success = success(runner.runCredentialsExchange(tampering, exchange("c" + call)));
            assertThat(success.scopes()).isEmpty();
            assertThat(success.claims()).containsExactly(Map.entry("https://t.example/r", call));
        }
    }

    @Test
    void prototypeTamperingDoesNotReachTheNextCallsInputs() {
        Hook tampering = hook("swallower", """
                var calls = 0;
                module.exports = function (client, scope, audience, context, cb) {
                  if (++calls === 1) {
                    Object.defineProperty(Array.prototype, '0', { set: function () {}, get: function () { return 'admin'; } });
                  }
                  var own = Object.getOwnPropertyDescriptor(scope, '0');
                  cb(null, { 'https://t.example/r': scope.length + ' ' + (own ? own.value : 'swallowed') });
                };""");

        for (int call = 1; call <= 2; call++) {
            assertThat(reported(runner.runCredentialsExchange(tampering, exchange("c" + call)))).isEqualTo("1 read:data");
        }
    }

    @Test
    void indexSettersOnArrayPrototypeDoNotSteerTheResult() {
        // the runtime reads a result into arrays: a setter (or getter) a hook puts on Array.prototype must not run
        Hook tampering = hook("index-setters", """
                var hits = 0, calls = 0;
                for (var i = 0; i < 4; i++) {
                  Object.defineProperty(Array.prototype, String(i),
                      { set: function () { hits++; }, get: function () { return 'admin'; }, configurable: true });
                }
                module.exports = function (client, scope, audience, context, cb) {
                  var result = { 'https://t.example/a': 'x', scope: ['read:data', 'extra'], 'https://t.example/hits': String(hits) };
                  if (++calls === 2) result['https://t.example/n'] = 2;   // not a string: the JSON form
                  cb(null, result);
                };""");

        Success first = success(runner.runCredentialsExchange(tampering, exchange("c1")));
        Success second = success(runner.runCredentialsExchange(tampering, exchange("c2")));
        Success third = success(runner.runCredentialsExchange(tampering, exchange("c3")));

        for (Success each : List.of(first, second, third)) {
            assertThat(each.scopes()).containsExactly("read:data", "extra");
        }
        assertThat(first.claims()).containsExactly(Map.entry("https://t.example/a", "x"), Map.entry("https://t.example/hits", "0"));
        assertThat(second.claims()).containsExactly(Map.entry("https://t.example/a", "x"),
                Map.entry("https://t.example/hits", "0"), Map.entry("https://t.example/n", 2));
        assertThat(third.claims()).containsExactly(Map.entry("https://t.example/a", "x"), Map.entry("https://t.example/hits", "0"));
    }

    @Test
    void errorClassesCannotBeReplacedToForgeAnOutcome() {
        Object seen = attempt("(function () { InvalidScopeError = function () {}; return typeof InvalidScopeError; })()");
        assertThat(seen).isEqualTo("function");

        Success success = success(runner.runCredentialsExchange(hook("forge", """
                module.exports = function (c, s, a, ctx, cb) {
                  try { Object.defineProperty(InvalidScopeError, Symbol.hasInstance, { value: function () { return true; } }); }
                  catch (e) { return cb(null, { 'https://t.example/r': 'frozen' }); }
                  cb(null, { 'https://t.example/r': 'changed' });
                };"""), exchange("c")));
        assertThat(success.claims()).containsEntry("https://t.example/r", "frozen");
    }

    @Test
    void staleCallbacksFromAnEarlierCallAreIgnored() {
        Hook keeper = hook("keeper", """
                var previous = null;
                module.exports = function (client, scope, audience, context, cb) {
                  if (previous) previous(null, { 'https://t.example/r': 'stale' });
                  previous = cb;
                  setTimeout(function () { cb(null, { 'https://t.example/r': client.id }); }, 1);
                };""");

        assertThat(reported(runner.runCredentialsExchange(keeper, exchange("first")))).isEqualTo("first");
        assertThat(reported(runner.runCredentialsExchange(keeper, exchange("second")))).isEqualTo("second");
    }

    @Test
    void secretsAreNotWritable() {
        Hook hook = hook("secrets", reporting("(context.webtask.secrets.K = 'changed', context.webtask.secrets.K)"),
                Map.of("K", "v"));

        assertThat(reported(runner.runCredentialsExchange(hook, exchange("c")))).isEqualTo("v");
    }
}
