package org.happserve.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Directory;
import org.happserve.domain.InvalidDirectoryException;

/**
 * The config loader: validates a municipality file (every (ward, department, level) must resolve
 * to an officer) and writes it to a stack's table. The local runtime seeds itself the same way.
 *
 * <pre>
 * java -cp local/target/happserve-local.jar org.happserve.local.LoadConfig config/gmc.json --check
 * java -cp local/target/happserve-local.jar org.happserve.local.LoadConfig config/gmc.json --table NAME [--region R] [--endpoint URL]
 * </pre>
 */
public final class LoadConfig {
    private LoadConfig() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                opts.put(args[i], i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
            } else {
                file = args[i];
            }
        }
        if (file == null || (!opts.containsKey("--check") && !opts.containsKey("--table"))) {
            System.err.println("usage: LoadConfig FILE (--check | --table NAME [--region REGION] [--endpoint URL])");
            return 2;
        }
        Directory directory;
        try {
            directory = DirectoryJson.parse(Files.readString(Path.of(file)));
        } catch (InvalidDirectoryException e) {
            System.err.println(file + ": " + e.getMessage());
            return 1;
        }
        System.out.printf("%s: %d wards, %d departments, %d categories, %d officers, levels 0..%d: complete%n", file,
                directory.wards().size(), directory.departments().size(), directory.categories().size(),
                directory.officers().size(), directory.topLevel());
        if (opts.containsKey("--check")) return 0;
        Map<String, String> env = new HashMap<>(System.getenv());
        if (opts.containsKey("--region")) env.put("AWS_REGION", opts.get("--region"));
        if (opts.containsKey("--endpoint")) env.put("AWS_ENDPOINT_URL", opts.get("--endpoint"));
        try (var dynamo = new AwsClients(env).dynamo()) {
            new DynamoDirectoryStore(dynamo, opts.get("--table")).save(directory);
        }
        System.out.println("written to table " + opts.get("--table"));
        return 0;
    }
}
