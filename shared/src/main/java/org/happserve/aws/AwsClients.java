package org.happserve.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds SDK clients the same way everywhere: explicit region and credentials (no lookup chain on
 * the Lambda init path), the URLConnection HTTP client, and an endpoint override where
 * {@code AWS_ENDPOINT_URL} names one (moto locally and in tests, or any AWS-compatible endpoint).
 */
public final class AwsClients {
    private final Map<String, String> env;

    public AwsClients(Map<String, String> env) {
        this.env = env;
    }

    public DynamoDbClient dynamo() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public SesV2Client ses() {
        return configure(SesV2Client.builder()).build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder()).build();
    }

    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(env.getOrDefault("AWS_REGION", "ap-south-1")))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (env.containsKey("AWS_ENDPOINT_URL") && env.containsKey("AWS_ACCESS_KEY_ID")) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test")));
        }
        // In Lambda the role's credentials come from the container endpoint when SnapStart is on (the
        // access-key variables are not set then), else from the environment; elsewhere (an operator's
        // shell) from the chain.
        if (!env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) return DefaultCredentialsProvider.builder().build();
        return env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }
}
