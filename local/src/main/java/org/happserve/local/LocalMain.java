package org.happserve.local;

import java.util.concurrent.CountDownLatch;

/** {@code ./local.sh}: starts the local runtime in the foreground; Ctrl-C stops all it started. */
public final class LocalMain {
    private LocalMain() {}

    public static void main(String[] args) throws Exception {
        LocalRuntime.Options options = LocalRuntime.Options.fromEnvironment();
        LocalRuntime runtime = LocalRuntime.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("HappServe: stopping (moto pid " + runtime.motoPid() + ")");
            runtime.close();
            stopped.countDown();
        }));
        String api = runtime.apiUrl().toString();
        StringBuilder sb = new StringBuilder();
        sb.append("\nHappServe is running (time scale ").append(options.timeScale()).append(")\n")
                .append("  API        ").append(api).append("/v1/catalog\n")
                .append("  info       ").append(api).append("/local/info\n")
                .append("  outbox     ").append(api).append("/local/outbox  (SMS and email sent)\n")
                .append("  moto       ").append(runtime.motoEndpoint()).append("  (pid ").append(runtime.motoPid()).append(")\n")
                .append("  accounts   (password ").append(LocalRuntime.DEMO_PASSWORD).append(")\n");
        for (LocalRuntime.User u : runtime.users()) {
            sb.append("    ").append(String.format("%-8s", u.role())).append(' ').append(u.username()).append('\n');
        }
        sb.append("Ctrl-C stops everything.\n");
        System.out.println(sb);
        stopped.await();
    }
}
