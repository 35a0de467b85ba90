package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What ./local.sh runs: starts in the foreground, prints where things are, and stops moto with itself. */
class LocalMainIT {
    @Test
    void startsPrintsTheAccountsAndStopsEverythingOnSignal() throws Exception {
        int port = MotoServer.freePort();
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName());
        pb.environment().put("HAPPSERVE_PORT", Integer.toString(port));
        pb.environment().put("HAPPSERVE_ROOT", RepoRoot.find().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        Long motoPid = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (Instant.now().isBefore(deadline) && (line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = Pattern.compile("moto .*\\(pid (\\d+)\\)").matcher(line);
                if (m.find()) motoPid = Long.parseLong(m.group(1));
                if (line.startsWith("Ctrl-C stops everything")) break;
            }
            assertThat(lines).anyMatch(l -> l.contains("http://127.0.0.1:" + port + "/v1/catalog"));
            assertThat(lines).anyMatch(l -> l.contains("operator1")).anyMatch(l -> l.contains("admin1"))
                    .anyMatch(l -> l.contains("Happserve#2026"));
            assertThat(motoPid).as("moto pid printed").isNotNull();
            assertThat(ProcessHandle.of(motoPid).map(ProcessHandle::isAlive)).contains(true);

            p.destroy(); // SIGTERM, as a service manager would; Ctrl-C (SIGINT) runs the same shutdown hook
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        long pid = motoPid;
        Instant until = Instant.now().plusSeconds(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("moto stopped").isFalse();
    }
}
