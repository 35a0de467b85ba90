package org.happserve.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: where template.yaml lives (HAPPSERVE_ROOT, or the nearest ancestor of the working directory). */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path find() {
        String configured = System.getenv("HAPPSERVE_ROOT");
        if (configured != null) return Path.of(configured).toAbsolutePath();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("local"))) return p;
        }
        throw new IllegalStateException("run from inside the HappServe repository (no template.yaml found above "
                + Path.of("").toAbsolutePath() + ")");
    }
}
