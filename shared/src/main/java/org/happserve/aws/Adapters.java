package org.happserve.aws;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.ComplaintActions;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.domain.Messages;
import org.happserve.http.Callers;
import org.happserve.http.JwtVerifier;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.Metrics;
import org.happserve.ports.Notifier;
import org.happserve.ports.DirectoryStore;
import org.happserve.ports.SlaTimer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the real adapters from a function's environment (the template's variables). Each piece is
 * built on first use and then reused, so a function pays only for the clients it needs.
 */
public final class Adapters {
    private final Map<String, String> env;
    private final AwsClients aws;
    private final Clock clock = Clock.systemUTC();
    private DynamoDbClient dynamo;
    private ComplaintStore complaints;
    private DirectorySource directory;
    private NotificationDispatcher dispatcher;
    private Notifier notifier;
    private Messages messages;
    private SlaTimer slaTimer;

    private Adapters(Map<String, String> env) {
        this.env = env;
        this.aws = new AwsClients(env);
    }

    public static Adapters from(Map<String, String> env) {
        return new Adapters(env);
    }

    private String required(String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return v;
    }

    public Clock clock() {
        return clock;
    }

    /** HAPPSERVE_TIME_SCALE divides every SLA and the reopen window (1 in production). */
    public double timeScale() {
        double scale = Double.parseDouble(env.getOrDefault("HAPPSERVE_TIME_SCALE", "1"));
        if (!(scale > 0)) throw new IllegalStateException("HAPPSERVE_TIME_SCALE must be positive");
        return scale;
    }

    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) dynamo = aws.dynamo();
        return dynamo;
    }

    public synchronized ComplaintStore complaintStore() {
        if (complaints == null) complaints = new DynamoComplaintStore(dynamo(), required("TABLE_NAME"));
        return complaints;
    }

    public DirectoryStore directoryStore() {
        return new DynamoDirectoryStore(dynamo(), required("TABLE_NAME"));
    }

    public synchronized DirectorySource directory() {
        if (directory == null) directory = new DirectorySource(directoryStore(), clock);
        return directory;
    }

    public synchronized Notifier notifier() {
        if (notifier == null) notifier = new SnsSesNotifier(aws.sns(), aws.ses(), required("EMAIL_FROM"));
        return notifier;
    }

    public synchronized NotificationDispatcher dispatcher() {
        if (dispatcher == null) dispatcher = new NotificationDispatcher(complaintStore(), notifier(), directory(), clock);
        return dispatcher;
    }

    /** What registering and acting on complaints work with. */
    public ComplaintServices services() {
        return new ComplaintServices(complaintStore(), directory(), messages(), dispatcher(), slaTimer(), clock, timeScale());
    }

    /** The complaint actions every function that changes complaints shares. */
    public ComplaintActions actions() {
        return new ComplaintActions(services());
    }

    /** The SLA timers: executions of the state machine SLA_STATE_MACHINE_ARN names. */
    public synchronized SlaTimer slaTimer() {
        if (slaTimer == null) slaTimer = new StepFunctionsSlaTimer(aws.sfn(), required("SLA_STATE_MACHINE_ARN"));
        return slaTimer;
    }

    public synchronized Messages messages() {
        if (messages == null) messages = Messages.load();
        return messages;
    }

    /** Operational counters as CloudWatch embedded metric format on standard output. */
    public Metrics metrics() {
        return new EmfMetrics(env.get("AWS_LAMBDA_FUNCTION_NAME"), clock);
    }

    /**
     * The per-address and per-mobile limits of the citizens' public routes, counted in the table;
     * limits from THROTTLE_PER_IP, THROTTLE_PER_MOBILE and THROTTLE_WINDOW_SECONDS (the template's
     * Public* parameters).
     */
    public CitizenThrottle citizenThrottle() {
        return new CitizenThrottle(new DynamoRateLimiter(dynamo(), required("TABLE_NAME")), CitizenThrottle.Limits.from(env),
                clock, metrics());
    }

    /** Verifies staff tokens on public routes; JWKS_URL overrides the issuer's JWKS (moto serves it elsewhere). */
    public Callers callers() {
        String issuer = env.get("JWT_ISSUER");
        String client = env.get("USER_POOL_CLIENT_ID");
        if (issuer == null || client == null) return new Callers(null);
        String jwks = env.getOrDefault("JWKS_URL", issuer + "/.well-known/jwks.json");
        return new Callers(new JwtVerifier(issuer, client, URI.create(jwks), clock));
    }
}
