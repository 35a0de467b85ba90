package org.happserve.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose class path is a function's deployment jar (plus this one class): loads
 * the handler class, builds it with its no-argument constructor (the Lambda init phase) and
 * invokes it once per event file, printing one {@code BENCH} line. Only JDK classes and the
 * Lambda interface are used here, so nothing is loaded that the function itself would not load.
 *
 * <p>Arguments: handler class, then event files.
 */
public final class ColdStartChild {
    private ColdStartChild() {}

    public static void main(String[] args) throws Exception {
        long mainStart = System.currentTimeMillis();
        byte[][] events = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) events[i - 1] = Files.readAllBytes(Path.of(args[i]));
        long t0 = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        long initNs = System.nanoTime() - t0;
        // BENCH_PRIME=1: run the SnapStart priming hooks now, as Lambda would before its snapshot;
        // reported apart (on Lambda it is paid once per published version, not per cold start).
        double primeMs = 0;
        if ("1".equals(System.getenv("BENCH_PRIME"))) {
            long p = System.nanoTime();
            Class.forName("org.happserve.http.Priming").getMethod("primeAll").invoke(null);
            primeMs = (System.nanoTime() - p) / 1e6;
        }
        long initEnd = System.currentTimeMillis();
        StringBuilder out = new StringBuilder("BENCH mainStart=").append(mainStart).append(" initEnd=").append(initEnd)
                .append(" handlerInitMs=").append(initNs / 1e6)
                .append(" primeMs=").append(primeMs);
        for (int i = 0; i < events.length; i++) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            long s = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(events[i]), response, null);
            double ms = (System.nanoTime() - s) / 1e6;
            String body = response.toString(StandardCharsets.UTF_8);
            int at = body.indexOf("\"statusCode\":");
            String status = at < 0 ? "?" : body.substring(at + 13, Math.min(body.length(), at + 16));
            out.append(" inv").append(i + 1).append("Ms=").append(ms).append(" status").append(i + 1).append('=').append(status);
        }
        System.out.flush();
        System.out.println(out);
        System.out.flush();
        // Lambda would freeze here; exit rather than wait for non-daemon SDK threads.
        System.exit(0);
    }
}
