package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.reported;
import static io.tokenhook.hooks.HookFixtures.reporting;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require(): allowlisted pure-JS modules from {data-dir}/hook-modules, and nothing else. */
class HookModulesTest {

    @TempDir
    static Path dataDir;
    private static GraalHookRunner runner;

    @BeforeAll
    static void start() throws IOException {
        Path modules = dataDir.resolve("hook-modules");
        write(modules.resolve("greet/index.js"), "var count = 0; module.exports = function (n) { count++; return 'hi ' + n + ' #' + count; };");
        write(modules.resolve("@acme/shout/index.js"), "var greet = require('greet'); exports.shout = function (n) { return greet(n).toUpperCase(); };");
        write(modules.resolve("Bad Name/index.js"), "module.exports = 1;");
        write(modules.resolve("noindex/main.js"), "module.exports = 1;");
        runner = new GraalHookRunner(HookRuntimeConfig.forDataDir(dataDir).withWarmupCalls(1), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Object report(String expression) {
        return reported(runner.runCredentialsExchange(hook("modules", reporting(expression)), exchange("c")));
    }

    @Test
    void allowlistedModulesLoadOncePerContextAndMayRequireEachOther() {
        assertThat(report("require('greet')('ann') + ', ' + require('@acme/shout').shout('bob')"))
                .isEqualTo("hi ann #1, HI BOB #2");
        assertThat(report("require('greet') === require('greet')")).isEqualTo(true);
    }

    @Test
    void otherModulesAreRefusedWithAClearMessage() {
        assertThat(report("(function () { try { require('fs'); } catch (e) { return e.message + ' / ' + e.code; } })()"))
                .isEqualTo("Module 'fs' is not available in Tokenhook hooks / MODULE_NOT_FOUND");
        assertThat(report("(function () { try { require('lodash'); } catch (e) { return e.message; } })()"))
                .isEqualTo("Module 'lodash' is not available in Tokenhook hooks: only allowlisted pure-JS modules can be required");
        assertThat(report("(function () { try { require('Bad Name'); } catch (e) { return 'refused'; } })()")).isEqualTo("refused");
        assertThat(report("(function () { try { require('noindex'); } catch (e) { return 'refused'; } })()")).isEqualTo("refused");
    }

    @Test
    void missingModulesDirectoryMeansNoModules() {
        assertThat(HookModules.load(dataDir.resolve("nowhere"))).isEmpty();
        assertThat(HookModules.load(null)).isEmpty();
        assertThat(HookModules.load(dataDir.resolve("hook-modules"))).containsOnlyKeys("greet", "@acme/shout");
    }
}
