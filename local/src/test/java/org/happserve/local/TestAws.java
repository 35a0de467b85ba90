package org.happserve.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.happserve.aws.AwsClients;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The AWS endpoint integration tests run against, from configuration ({@code HAPPSERVE_TEST_ENDPOINT}):
 * unset starts one moto_server for the whole run on a free port (stopped at the end); a URL uses
 * that endpoint (LocalStack, where Docker exists); {@code aws} uses real AWS with the default
 * credentials and AWS_REGION. Each test class gets tables of its own, created from template.yaml.
 */
public final class TestAws {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestAws.class);

    /** One moto for the whole run, closed by JUnit when the run ends. */
    private record SharedMoto(MotoServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    private final Map<String, String> env;

    private TestAws(Map<String, String> env) {
        this.env = env;
    }

    /** {@code @ExtendWith(TestAws.Extension.class)} injects the run's {@link TestAws}. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == TestAws.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(NS).getOrComputeIfAbsent("aws", k -> start(c), TestAws.class);
        }
    }

    private static TestAws start(ExtensionContext c) {
        String configured = System.getenv("HAPPSERVE_TEST_ENDPOINT");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", System.getenv().getOrDefault("AWS_REGION", LocalRuntime.REGION));
        if ("aws".equals(configured)) return new TestAws(env);
        String endpoint = configured;
        if (endpoint == null) {
            try {
                Path root = RepoRoot.find();
                Path log = java.nio.file.Files.createDirectories(root.resolve("local/target")).resolve("moto-it.log");
                MotoServer moto = MotoServer.start(root, 0, log);
                c.getRoot().getStore(NS).put("moto", new SharedMoto(moto));
                endpoint = moto.endpoint().toString();
            } catch (Exception e) {
                throw new IllegalStateException("could not start moto_server", e);
            }
        }
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        return new TestAws(env);
    }

    public AwsClients clients() {
        return new AwsClients(env);
    }

    public String endpoint() {
        return env.get("AWS_ENDPOINT_URL");
    }

    /**
     * Creates the template's tables, SES identity and state machine under a fresh stack name and
     * returns the environment a function would see (TABLE_NAME, EMAIL_FROM, SLA_STATE_MACHINE_ARN, the endpoint).
     */
    public Map<String, String> freshStack() {
        try {
            Path root = RepoRoot.find();
            CfnTemplate template = CfnTemplate.load(root.resolve("template.yaml"));
            String stack = "it-" + UUID.randomUUID().toString().substring(0, 8);
            Provisioner provisioner = new Provisioner(template, stack);
            provisioner.bindDefaults(env.get("AWS_REGION"));
            provisioner.functions();
            try (var dynamo = clients().dynamo(); var ses = clients().ses(); var sfn = clients().sfn()) {
                provisioner.tables(dynamo);
                provisioner.emailIdentities(ses);
                // Executions are recorded, not run, in this moto: timers start and stop for real but never fire.
                provisioner.stateMachines(sfn, root);
            }
            Map<String, String> out = new HashMap<>(env);
            out.put("TABLE_NAME", String.valueOf(template.resolve(Map.of("Ref", "ComplaintsTable"))));
            out.put("EMAIL_FROM", String.valueOf(template.resolve(Map.of("Ref", "SenderEmail"))));
            out.put("HAPPSERVE_TIME_SCALE", "1");
            out.put("SLA_STATE_MACHINE_ARN", String.valueOf(template.resolve(Map.of("Ref", "SlaEscalationStateMachine"))));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
