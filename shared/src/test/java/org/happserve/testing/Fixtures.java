package org.happserve.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Directory;
import org.happserve.http.ApiEvent;
import org.happserve.http.Json;

/**
 * The repository's shared test inputs: the sample events under {@code events/}, the sample
 * municipality under {@code config/}, and one fixed instant for every test that needs "now".
 */
public final class Fixtures {
    /** 10:00 in Gandhinagar on 3 December 2026; acknowledgement numbers minted now read {@code GMC-2612-…}. */
    public static final Instant NOW = Instant.parse("2026-12-03T04:30:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Directory sample;

    private Fixtures() {}

    /** The nearest ancestor of the working directory holding both {@code events/} and {@code template.yaml}. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("events")) && Files.isRegularFile(p.resolve("template.yaml"))) return p;
        }
        throw new IllegalStateException("no directory with events/ and template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The text of {@code events/<name>}. */
    public static String eventText(String name) {
        return read(repoRoot().resolve("events").resolve(name));
    }

    /** A fresh, editable copy of {@code events/<name>} (see {@link Events} for the usual edits). */
    public static ObjectNode event(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(eventText(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code events/<name>} as the HTTP edge sees it. */
    public static ApiEvent apiEvent(String name) {
        return ApiEvent.parse(event(name));
    }

    public static String sampleDirectoryJson() {
        return read(repoRoot().resolve("config").resolve("gmc.json"));
    }

    /** {@code config/gmc.json}, parsed and checked as the config loader does (immutable, so shared). */
    public static synchronized Directory sampleDirectory() {
        if (sample == null) sample = DirectoryJson.parse(sampleDirectoryJson());
        return sample;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
