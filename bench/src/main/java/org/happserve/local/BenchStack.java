package org.happserve.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.config.DirectoryJson;

/**
 * For the benchmarks: a moto_server on a free port (through local/moto/launcher.py) with the
 * template's table, SES identity and state machine created by the local runtime's Provisioner, the
 * sample municipality saved, and the environment a deployed function would see. (In this package
 * because the Provisioner is package-private.)
 */
public final class BenchStack implements AutoCloseable {
    private final MotoServer moto;
    private final Map<String, String> env;

    private BenchStack(MotoServer moto, Map<String, String> env) {
        this.moto = moto;
        this.env = env;
    }

    public static BenchStack start(Path root, String stack) throws Exception {
        Path log = Files.createDirectories(root.resolve("bench/target")).resolve("moto-bench.log");
        MotoServer moto = MotoServer.start(root, 0, log);
        try {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
            env.put("AWS_REGION", LocalRuntime.REGION);
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            CfnTemplate template = CfnTemplate.load(root.resolve("template.yaml"));
            Provisioner provisioner = new Provisioner(template, stack);
            provisioner.bindDefaults(LocalRuntime.REGION);
            provisioner.functions();
            AwsClients aws = new AwsClients(env);
            String table;
            try (var dynamo = aws.dynamo(); var ses = aws.ses(); var sfn = aws.sfn()) {
                provisioner.tables(dynamo);
                table = String.valueOf(template.resolve(Map.of("Ref", "ComplaintsTable")));
                provisioner.emailIdentities(ses);
                provisioner.stateMachines(sfn, root);
                new DynamoDirectoryStore(dynamo, table).save(DirectoryJson.parse(Files.readString(root.resolve("config/gmc.json"))));
            }
            env.put("TABLE_NAME", table);
            env.put("EMAIL_FROM", String.valueOf(template.resolve(Map.of("Ref", "SenderEmail"))));
            env.put("HAPPSERVE_TIME_SCALE", "1");
            env.put("SLA_STATE_MACHINE_ARN", String.valueOf(template.resolve(Map.of("Ref", "SlaEscalationStateMachine"))));
            // As deployed: the handler builds its JWT verifier (staff tokens) at init; citizens send none.
            env.put("JWT_ISSUER", "https://cognito-idp." + LocalRuntime.REGION + ".amazonaws.com/ap-south-1_bench");
            env.put("USER_POOL_CLIENT_ID", "benchclient");
            env.put("USER_POOL_ID", "ap-south-1_bench");
            return new BenchStack(moto, env);
        } catch (Exception e) {
            moto.close();
            throw e;
        }
    }

    /** The environment of a deployed function (table, endpoint, credentials, state machine…). */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public MotoServer moto() {
        return moto;
    }

    @Override
    public void close() {
        moto.close();
    }
}
