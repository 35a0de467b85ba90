package org.happserve.local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local runtime (moto, resources, gateway, functions) shared by the end-to-end test classes of a
 * run, on free ports, with a time scale of {@value #TIME_SCALE}; stopped when the run ends.
 */
public final class RunningSystem implements ParameterResolver {
    public static final double TIME_SCALE = 60;

    private record Started(LocalRuntime runtime) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            runtime.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == LocalRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(ExtensionContext.Namespace.create(RunningSystem.class))
                .getOrComputeIfAbsent("runtime", k -> start(), Started.class).runtime();
    }

    private static Started start() {
        try {
            return new Started(LocalRuntime.start(new LocalRuntime.Options(RepoRoot.find(), 0, TIME_SCALE,
                    RepoRoot.find().resolve("config/gmc.json"))));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local runtime", e);
        }
    }
}
