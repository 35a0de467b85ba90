package org.happserve.bench.baseline;

import java.time.Clock;
import java.util.Map;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.aws.SnsSesNotifier;
import org.happserve.aws.StepFunctionsSlaTimer;
import org.happserve.http.Callers;
import org.happserve.http.JwtVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The naive wiring: {@code XxxClient.create()} (default region provider chain, default credentials
 * provider chain, the HTTP client implementation found on the class path, endpoint from
 * AWS_ENDPOINT_URL as the SDK reads it itself). Same adapters and use cases as ours.
 */
final class Naive {
    final Map<String, String> env = System.getenv();
    final Clock clock = Clock.systemUTC();
    final DynamoDbClient dynamo = DynamoDbClient.create();
    final DynamoComplaintStore store = new DynamoComplaintStore(dynamo, env.get("TABLE_NAME"));
    final DirectorySource directory = new DirectorySource(new DynamoDirectoryStore(dynamo, env.get("TABLE_NAME")), clock);

    NotificationDispatcher dispatcher() {
        return new NotificationDispatcher(store, new SnsSesNotifier(SnsClient.create(), SesV2Client.create(), env.get("EMAIL_FROM")),
                directory, clock);
    }

    StepFunctionsSlaTimer timer() {
        return new StepFunctionsSlaTimer(SfnClient.create(), env.get("SLA_STATE_MACHINE_ARN"));
    }

    Callers callers() {
        String issuer = env.get("JWT_ISSUER");
        return new Callers(issuer == null ? null
                : new JwtVerifier(issuer, env.get("USER_POOL_CLIENT_ID"), java.net.URI.create(issuer + "/.well-known/jwks.json"), clock));
    }
}
