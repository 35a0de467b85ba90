package org.happserve.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Directory;
import org.happserve.domain.Officer;
import org.happserve.http.ApiException;
import org.happserve.http.Json;
import org.happserve.http.JwtVerifier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system on one machine: moto for AWS, the resources of template.yaml created in it, the
 * sample municipality and demo staff seeded, the functions behind a local API Gateway, their
 * schedules run on time (divided by the time scale), and the state machines executed by moto with
 * their Lambda tasks run in this process.
 */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LocalRuntime.class);
    public static final String REGION = "ap-south-1";
    public static final String DEMO_PASSWORD = "Happserve#2026";
    private static final String STACK = "happserve-local";

    /** A demo account, as {@code GET /local/info} lists it. */
    public record User(String username, String password, String role, String officerId) {}

    /** {@code port} 0 picks a free port; {@code timeScale} divides every SLA and schedule. */
    public record Options(Path root, int port, double timeScale, Path config) {
        public static Options fromEnvironment() {
            Path root = RepoRoot.find();
            Map<String, String> env = System.getenv();
            return new Options(root, Integer.parseInt(env.getOrDefault("HAPPSERVE_PORT", "3000")),
                    Double.parseDouble(env.getOrDefault("HAPPSERVE_TIME_SCALE", "1")),
                    root.resolve(env.getOrDefault("HAPPSERVE_CONFIG", "config/gmc.json")));
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private MotoServer moto;
    private LocalGateway gateway;
    private String userPoolId;
    private String clientId;
    private CognitoIdentityProviderClient cognito;
    private Map<String, String> functionEnv;

    private LocalRuntime() {}

    public static LocalRuntime start(Options options) throws Exception {
        LocalRuntime runtime = new LocalRuntime();
        try {
            runtime.boot(options);
            return runtime;
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    private void boot(Options o) throws Exception {
        CfnTemplate template = CfnTemplate.load(o.root().resolve("template.yaml"));
        // The gateway binds first: moto's Step Functions engine calls Lambda on this port.
        String origin = "http://127.0.0.1:" + (o.port() == 0 ? MotoServer.freePort() : o.port());
        int port = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        gateway = new LocalGateway(port, List.of(origin));
        started.add(gateway);
        Path runDir = Files.createDirectories(o.root().resolve(".local-run"));
        moto = MotoServer.start(o.root(), port, runDir.resolve("moto-" + port + ".log"));
        started.add(moto);

        Map<String, String> awsEnv = Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
        AwsClients aws = new AwsClients(awsEnv);
        DynamoDbClient dynamo = aws.dynamo();
        cognito = aws.configure(CognitoIdentityProviderClient.builder()).build();
        started.add(dynamo);
        started.add(cognito);

        Provisioner provisioner = new Provisioner(template, STACK);
        provisioner.bindDefaults(REGION);
        template.bindRef("TimeScale", Double.toString(o.timeScale()));
        template.bindRef("ConsoleOrigin", origin);
        bindThrottleOverrides(template);
        provisioner.functions();
        provisioner.tables(dynamo);
        provisioner.cognito(cognito);
        try (var ses = aws.ses()) {
            provisioner.emailIdentities(ses);
        }
        // Before the functions, which start its executions (SLA_STATE_MACHINE_ARN).
        moto.executeStateMachines();
        try (var sfn = aws.sfn()) {
            provisioner.stateMachines(sfn, o.root());
        }
        gateway.forwardAws(moto.endpoint());
        userPoolId = String.valueOf(template.resolve(Map.of("Ref", "UserPool")));
        clientId = String.valueOf(template.resolve(Map.of("Ref", "UserPoolClient")));
        String jwks = moto.endpoint() + "/" + userPoolId + "/.well-known/jwks.json";

        Directory directory = DirectoryJson.parse(Files.readString(o.config()));
        new DynamoDirectoryStore(dynamo, String.valueOf(template.resolve(Map.of("Ref", "ComplaintsTable")))).save(directory);
        seedStaff(directory);

        String issuer = "https://cognito-idp." + REGION + ".amazonaws.com/" + userPoolId;
        gateway.authorizer(new JwtVerifier(issuer, clientId, URI.create(jwks), Clock.systemUTC()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        started.add(scheduler::shutdownNow);
        for (CfnTemplate.Function f : template.functions()) {
            Map<String, String> env = new HashMap<>(awsEnv);
            f.environment().forEach((k, v) -> env.put(k, String.valueOf(template.resolve(v))));
            env.put("JWKS_URL", jwks);
            functionEnv = env;
            RequestStreamHandler handler = (RequestStreamHandler) Class.forName(f.handlerClass())
                    .getConstructor(Map.class).newInstance(env);
            f.routes().forEach(r -> gateway.route(r, handler));
            gateway.function(provisioner.functionName(f.logicalId()), handler);
            for (CfnTemplate.Schedule s : f.schedules()) {
                long period = Math.max(1000, Math.round(rateMillis(s.expression()) / o.timeScale()));
                scheduler.scheduleAtFixedRate(() -> runScheduled(f, s, handler, scheduler::isShutdown), period, period, TimeUnit.MILLISECONDS);
            }
        }
        gateway.local("/local/info", (method, body) -> new Object[] {200, info()});
        gateway.local("/local/login", (method, body) -> new Object[] {200, login(body)});
        gateway.local("/local/outbox", (method, body) -> new Object[] {200, MotoOutbox.read(http, moto.endpoint())});
        // The console signs in against its own origin, which relays Cognito's calls (X-Amz-Target) to moto.
        gateway.local("/config.json", (method, body) -> new Object[] {200, consoleConfig()});
        gateway.console(new ConsoleFiles(o.root().resolve("console")));
        gateway.start();
    }

    /**
     * System properties that override the template's limits on the citizens' public routes, which
     * reach the functions as their environment like every other parameter (so the same code counts
     * locally and in AWS). A test that sends everything from 127.0.0.1 raises them.
     */
    static final Map<String, String> THROTTLE_PROPERTIES = Map.of(
            "happserve.throttle.perIp", "PublicRequestsPerIp",
            "happserve.throttle.perMobile", "PublicRequestsPerMobile",
            "happserve.throttle.windowSeconds", "PublicThrottleWindowSeconds");

    private static void bindThrottleOverrides(CfnTemplate template) {
        THROTTLE_PROPERTIES.forEach((property, parameter) -> {
            String v = System.getProperty(property);
            if (v != null) template.bindRef(parameter, v.strip());
        });
    }

    private void seedStaff(Directory directory) {
        addUser("operator1", "operator", null);
        addUser("admin1", "admin", null);
        String ward = directory.wards().get(0).code();
        // Every officer of the first ward, at every level, so that each rung of the chain can sign in.
        for (Officer officer : directory.officers()) {
            if (officer.wards().contains(ward) || officer.wards().contains(Officer.ALL)) addUser(officer.id(), "officer", officer.id());
        }
    }

    /** Creates a confirmed staff account with the demo password (demo seed, tests). */
    public void addUser(String username, String group, String officerId) {
        cognito.adminCreateUser(r -> r.userPoolId(userPoolId).username(username).messageAction("SUPPRESS"));
        cognito.adminSetUserPassword(r -> r.userPoolId(userPoolId).username(username).password(DEMO_PASSWORD).permanent(true));
        cognito.adminAddUserToGroup(r -> r.userPoolId(userPoolId).username(username).groupName(group));
        users.add(new User(username, DEMO_PASSWORD, group, officerId));
    }

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** A daily cron (a fixed time each day) runs locally once a (scaled) day from start-up. */
    private static final Pattern DAILY_CRON = Pattern.compile("cron\\(\\d+ \\d+ \\* \\* \\? \\*\\)");

    static long rateMillis(String expression) {
        if (DAILY_CRON.matcher(expression).matches()) return Duration.ofDays(1).toMillis();
        Matcher m = RATE.matcher(expression);
        if (!m.matches()) throw new IllegalArgumentException("unsupported schedule " + expression);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n).toMillis();
            case "hour", "hours" -> Duration.ofHours(n).toMillis();
            default -> Duration.ofDays(n).toMillis();
        };
    }

    private static void runScheduled(CfnTemplate.Function f, CfnTemplate.Schedule s, RequestStreamHandler handler,
                                     BooleanSupplier stopping) {
        try {
            ObjectNode payload = Json.object().put("schedule", s.name()).put("function", f.logicalId());
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(payload)),
                    new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            // Stopping the runtime interrupts a run in progress: that is no failure of the job.
            if (stopping.getAsBoolean()) LOG.info("scheduled {} of {} stopped with the runtime", s.name(), f.logicalId());
            else LOG.error("scheduled {} of {} failed", s.name(), f.logicalId(), e);
        }
    }

    private ObjectNode info() {
        ObjectNode o = Json.object();
        o.put("apiUrl", apiUrl().toString());
        o.putObject("cognito").put("userPoolId", userPoolId).put("clientId", clientId);
        ArrayNode list = o.putArray("users");
        for (User u : users) {
            ObjectNode j = list.addObject().put("username", u.username()).put("password", u.password()).put("role", u.role());
            if (u.officerId() != null) j.put("officerId", u.officerId());
            else j.putNull("officerId");
        }
        return o;
    }

    private ObjectNode login(byte[] body) throws IOException {
        JsonNode in = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        String username = in.path("username").asText("");
        String password = in.path("password").asText("");
        if (username.isEmpty() || password.isEmpty()) throw ApiException.badRequest("username", "and password are required");
        try {
            var auth = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
            return Json.object().put("idToken", auth.idToken()).put("accessToken", auth.accessToken());
        } catch (CognitoIdentityProviderException e) {
            throw ApiException.unauthorized("wrong username or password");
        }
    }

    /** What the console reads at start: the API (its own origin) and where and how to sign in. */
    private ObjectNode consoleConfig() {
        ObjectNode o = Json.object().put("apiUrl", "");
        o.putObject("cognito").put("endpoint", apiUrl() + "/").put("clientId", clientId);
        return o;
    }


    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    public URI motoEndpoint() {
        return moto.endpoint();
    }

    public long motoPid() {
        return moto.pid();
    }

    public String userPoolId() {
        return userPoolId;
    }

    public String clientId() {
        return clientId;
    }

    public List<User> users() {
        return List.copyOf(users);
    }

    /** The environment the functions run with (table name, endpoints…), for tests that call adapters directly. */
    public Map<String, String> functionEnvironment() {
        return Map.copyOf(functionEnv);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", started.get(i), e.toString());
            }
        }
        started.clear();
    }

}
