package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime serves console/ and nothing beside it, however the path is spelled. */
class ConsoleFilesTest {
    @TempDir
    Path dir;

    @Test
    void servesFilesInsideTheConsoleFolderOnly() throws IOException {
        Path root = Files.createDirectories(dir.resolve("console/js"));
        Files.writeString(dir.resolve("console/index.html"), "<!doctype html>");
        Files.writeString(root.resolve("main.js"), "export {}");
        Files.writeString(dir.resolve("console/.env"), "secret");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("console/outside.html"), dir.resolve("secret.txt"));
        ConsoleFiles files = new ConsoleFiles(dir.resolve("console"));

        assertThat(files.resolve("/")).hasFileName("index.html");
        assertThat(files.resolve("/index.html")).hasFileName("index.html");
        assertThat(files.resolve("/js/main.js")).hasFileName("main.js");
        for (String escape : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/js/..%2F..%2Fsecret.txt",
                "/js/%2E%2E/%2E%2E/secret.txt", "/outside.html", "/.env", "/js/./main.js", "/js/", "/missing.js", "/js/main.js%00.html",
                "/..\\secret.txt"}) {
            assertThat(files.resolve(escape)).as(escape).isNull();
        }
    }
}
