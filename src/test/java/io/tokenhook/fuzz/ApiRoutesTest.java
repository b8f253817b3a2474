package io.tokenhook.fuzz;

import io.javalin.Javalin;
import io.tokenhook.dashboard.Dashboard;
import io.tokenhook.management.CallLimits;
import io.tokenhook.management.ManagementApi;
import io.tokenhook.management.ManagementAuth;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzzer's route table is the server's: a Management API route added without fuzzing it fails here. */
class ApiRoutesTest {

    @Test
    void fuzzerCoversEveryManagementApiRoute() {
        // the routes only: nothing behind them runs, so the resources get no store, runner or event log
        var management = new ManagementApi(new ManagementAuth(null, "http://localhost/api/v2/"), null, null, null, "t",
                InstantSource.system(), Duration.ofSeconds(1), CallLimits.NONE);
        var dashboard = new Dashboard(null, null, management, null, null, InstantSource.system());
        var app = Javalin.create(config -> {
            management.register(config.routes);
            dashboard.register(config.routes);
        });
        var registered = new TreeSet<String>();
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.path.startsWith(ManagementApi.PREFIX + "/"))
                .forEach(e -> registered.add(e.endpoint.method.name() + " " + e.endpoint.path.substring(ManagementApi.PREFIX.length())));

        var fuzzed = new TreeSet<String>();
        new ApiRoutes(Fixtures.placeholder()).all().forEach(r -> fuzzed.add(r.method() + " " + r.template()));

        assertThat(registered).hasSizeGreaterThan(30);
        assertThat(fuzzed).isEqualTo(registered);
    }
}
