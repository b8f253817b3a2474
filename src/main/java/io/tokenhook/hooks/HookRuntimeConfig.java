package io.tokenhook.hooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and sizes of the hook runtime.
 *
 * @param deadline              wall-clock time one hook call may take, timers and promises included (Auth0: 20 s)
 * @param allocationBudgetBytes bytes one call may allocate before its context is killed (community GraalJS has no heap cap)
 * @param consoleMaxLines       console lines kept per call
 * @param consoleMaxLineChars   characters kept of one console line
 * @param consoleMaxChars       characters kept of a call's whole console
 * @param poolSize              warm contexts kept per hook version; at most four times as many run at once
 * @param modulesDir            directory of allowlisted pure-JS modules ({@code <name>/index.js}); null for none
 * @param warmupCalls           synthetic calls per hook style made by {@link GraalHookRunner#warmUpInBackground}, so hook
 *                              exchanges soon run at full speed
 */
public record HookRuntimeConfig(
        Duration deadline,
        long allocationBudgetBytes,
        int consoleMaxLines,
        int consoleMaxLineChars,
        int consoleMaxChars,
        int poolSize,
        Path modulesDir,
        int warmupCalls) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
    public static final long DEFAULT_ALLOCATION_BUDGET = 64L * 1024 * 1024;

    public HookRuntimeConfig {
        Objects.requireNonNull(deadline, "deadline cannot be null");
        requireArgument(!deadline.isNegative() && !deadline.isZero(), "deadline must be positive");
        requireArgument(allocationBudgetBytes > 0, "allocationBudgetBytes must be positive");
        requireArgument(consoleMaxLines > 0 && consoleMaxLineChars > 0 && consoleMaxChars > 0, "console limits must be positive");
        requireArgument(poolSize > 0, "poolSize must be positive");
        requireArgument(warmupCalls >= 0, "warmupCalls cannot be negative");
    }

    /** 20 s, 64 MB, 100 lines of at most 1000 characters and 16 KB in all, one context per core, no modules. */
    public static HookRuntimeConfig defaults() {
        return new HookRuntimeConfig(DEFAULT_DEADLINE, DEFAULT_ALLOCATION_BUDGET, 100, 1000, 16 * 1024,
                Runtime.getRuntime().availableProcessors(), null, 200);
    }

    /** The defaults with modules read from {@code {dataDir}/hook-modules}. */
    public static HookRuntimeConfig forDataDir(Path dataDir) {
        return defaults().withModulesDir(dataDir.resolve("hook-modules"));
    }

    public HookRuntimeConfig withDeadline(Duration value) {
        return new HookRuntimeConfig(value, allocationBudgetBytes, consoleMaxLines, consoleMaxLineChars, consoleMaxChars,
                poolSize, modulesDir, warmupCalls);
    }

    public HookRuntimeConfig withAllocationBudget(long bytes) {
        return new HookRuntimeConfig(deadline, bytes, consoleMaxLines, consoleMaxLineChars, consoleMaxChars,
                poolSize, modulesDir, warmupCalls);
    }

    public HookRuntimeConfig withPoolSize(int value) {
        return new HookRuntimeConfig(deadline, allocationBudgetBytes, consoleMaxLines, consoleMaxLineChars, consoleMaxChars,
                value, modulesDir, warmupCalls);
    }

    public HookRuntimeConfig withModulesDir(Path value) {
        return new HookRuntimeConfig(deadline, allocationBudgetBytes, consoleMaxLines, consoleMaxLineChars, consoleMaxChars,
                poolSize, value, warmupCalls);
    }

    public HookRuntimeConfig withWarmupCalls(int value) {
        return new HookRuntimeConfig(deadline, allocationBudgetBytes, consoleMaxLines, consoleMaxLineChars, consoleMaxChars,
                poolSize, modulesDir, value);
    }

    private static void requireArgument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
