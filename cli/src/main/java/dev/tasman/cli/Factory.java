package dev.tasman.cli;

import dev.tasman.cli.shared.Context;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Hands the run's {@link Context} to every command that takes one in its constructor. */
final class Factory implements CommandLine.IFactory {

    private final Context context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Context context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withContext;
        try {
            withContext = type.getDeclaredConstructor(Context.class);
        } catch (NoSuchMethodException none) {
            return fallback.create(type);
        }
        withContext.setAccessible(true);
        return withContext.newInstance(context);
    }
}
