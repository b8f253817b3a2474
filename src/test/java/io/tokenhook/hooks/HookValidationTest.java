package io.tokenhook.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** validate(): what the Management API answers 400 with when a script is saved. */
class HookValidationTest {

    private final GraalHookRunner runner = HookFixtures.runner();

    @Test
    void acceptsTheSeedHook() {
        assertThat(runner.validate(HookFixtures.SEED)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "exports.onExecuteCredentialsExchange = async (event, api) => {};",
            "module.exports.onExecuteCredentialsExchange = function (event, api) {};",
            "const helper = require; module.exports = (client, scope, audience, context, cb) => cb();",
            "module.exports = function () {}; return; // a top-level return is fine in a CommonJS module",
    })
    void acceptsScriptsThatExportAHook(String script) {
        assertThat(runner.validate(script)).isEmpty();
    }

    @Test
    void rejectsScriptsThatDoNotParse() {
        assertThat(runner.validate("module.exports = function (client, scope {\n  cb();\n};"))
                .hasValueSatisfying(message -> assertThat(message).startsWith("the script does not parse: SyntaxError: hook.js:1:")
                        .contains("Expected"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "var x = 1;",
            "module.exports = { onExecutePostLogin: function () {} };",
            "exports.onExecuteCredentialsExchange = 'not a function';",
            "module.exports = 42;",
    })
    void rejectsScriptsThatExportNothingCallable(String script) {
        assertThat(runner.validate(script)).hasValueSatisfying(message ->
                assertThat(message).startsWith("the script exports nothing callable: expected module.exports = function"));
    }

    @Test
    void rejectsScriptsThatThrowWhileLoading() {
        assertThat(runner.validate("throw new Error('boom');"))
                .contains("the script failed while loading: boom");
        assertThat(runner.validate("require('fs');"))
                .contains("the script failed while loading: Module 'fs' is not available in Tokenhook hooks");
    }

    @Test
    void rejectsScriptsThatNeverFinishLoading() {
        assertThat(HookFixtures.shortRunner().validate("while (true) {}"))
                .contains("the script did not finish loading within 300ms");
    }

    @Test
    void rejectsEmptyScripts() {
        assertThat(runner.validate("  ")).contains("the script is empty");
        assertThat(runner.validate(null)).contains("the script is empty");
    }

    @Test
    void validatingFromAVirtualThreadWorks() throws Exception {
        var result = new Object() { java.util.Optional<String> value; };
        Thread.ofVirtual().start(() -> result.value = runner.validate("var x;")).join();

        assertThat(result.value).hasValueSatisfying(message -> assertThat(message).contains("exports nothing callable"));
    }
}
