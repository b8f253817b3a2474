package io.tokenhook.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production logging configuration ({@code logback.xml}, not the tests' own): the levels its environment
 * variables set. Logback resolves {@code ${VAR}} from its context's properties before the environment, so each case
 * configures a fresh context with the variables as properties.
 */
class LoggingConfigTest {

    @Test
    void accessLogIsOnByDefault() throws JoranException {
        LoggerContext context = configured(Map.of());
        assertThat(context.getLogger("tokenhook.access").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("tokenhook.access").isInfoEnabled()).isTrue();
    }

    @Test
    void accessLogLevelOffTurnsItOffAndLeavesTheRest() throws JoranException {
        LoggerContext context = configured(Map.of("TOKENHOOK_ACCESS_LOG_LEVEL", "OFF"));
        assertThat(context.getLogger("tokenhook.access").isErrorEnabled()).isFalse();
        assertThat(context.getLogger("io.tokenhook.app.Tokenhook").isInfoEnabled()).isTrue();
    }

    @Test
    void logLevelSetsTheRootLevel() throws JoranException {
        LoggerContext context = configured(Map.of("TOKENHOOK_LOG_LEVEL", "WARN"));
        assertThat(context.getLogger("io.tokenhook.app.Tokenhook").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.tokenhook.app.Tokenhook").isWarnEnabled()).isTrue();
    }

    private static LoggerContext configured(Map<String, String> variables) throws JoranException {
        URL production = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(production).as("logback.xml on the classpath").isNotNull();
        LoggerContext context = new LoggerContext();
        variables.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(production);
        return context;
    }
}
