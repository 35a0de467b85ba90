package org.happserve.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto_server in a child process (through {@code local/moto/launcher.py}, which carries the small
 * moto fixes we need), on 127.0.0.1 and a port of its own; stopped by PID with its descendants.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param lambdaPort where moto's Step Functions engine should send Lambda invocations (the
     *                   local runtime's own port), or 0 for none
     */
    public static MotoServer start(Path root, int lambdaPort, Path log) throws IOException {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("python3", root.resolve("local/moto/launcher.py").toString(),
                Integer.toString(port));
        if (lambdaPort > 0) pb.environment().put("MOTO_PORT", Integer.toString(lambdaPort));
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        MotoServer moto = new MotoServer(pb.start(), port);
        moto.awaitReady(Duration.ofSeconds(60));
        return moto;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IOException("moto exited with " + process.exitValue() + " (see its log)");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IOException("moto did not start within " + timeout.toSeconds() + " s");
    }

    /**
     * Makes moto's Step Functions engine run executions (moto only records them by default). The
     * setting picks moto's backend per request, so create state machines after this call.
     */
    public void executeStateMachines() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/config"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stepfunctions\":{\"execute_state_machine\":true}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IOException("moto refused its config: " + r.statusCode() + " " + r.body());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
