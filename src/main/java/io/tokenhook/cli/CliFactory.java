package io.tokenhook.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/** Creates command objects, handing the {@link CliEnvironment} to those whose constructor takes it. */
final class CliFactory implements CommandLine.IFactory {
    private final CliEnvironment env;

    CliFactory(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = cls.getDeclaredConstructor(CliEnvironment.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
        constructor.setAccessible(true);
        return constructor.newInstance(env);
    }
}
