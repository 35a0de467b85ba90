package org.happserve.local;

import static org.happserve.local.CfnTemplate.map;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Creates in moto what template.yaml declares and the local runtime needs — DynamoDB tables with
 * their indexes and TTL, the Cognito user pool, app client and groups, the SES identity — and binds
 * each logical id to its local physical id for intrinsic resolution.
 */
final class Provisioner {
    private final CfnTemplate template;
    private final String stackName;

    Provisioner(CfnTemplate template, String stackName) {
        this.template = template;
        this.stackName = stackName;
    }

    void tables(DynamoDbClient dynamo) {
        template.resources("AWS::DynamoDB::Table").forEach((id, resource) -> {
            Map<String, Object> p = template.properties(resource);
            String name = stackName + "-" + id;
            dynamo.createTable(r -> r.tableName(name)
                    .billingMode(BillingMode.fromValue(String.valueOf(p.getOrDefault("BillingMode", "PAY_PER_REQUEST"))))
                    .attributeDefinitions(list(p, "AttributeDefinitions").stream().map(a -> AttributeDefinition.builder()
                            .attributeName(str(a, "AttributeName")).attributeType(str(a, "AttributeType")).build()).toList())
                    .keySchema(keys(list(p, "KeySchema")))
                    .globalSecondaryIndexes(list(p, "GlobalSecondaryIndexes").stream().map(g -> GlobalSecondaryIndex.builder()
                            .indexName(str(g, "IndexName")).keySchema(keys(list(g, "KeySchema")))
                            .projection(Projection.builder().projectionType(str(map(g.get("Projection")), "ProjectionType")).build())
                            .build()).toList()));
            Object ttl = p.get("TimeToLiveSpecification");
            if (ttl != null && Boolean.TRUE.equals(map(ttl).get("Enabled"))) {
                dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                        .attributeName(str(map(ttl), "AttributeName")).enabled(true)));
            }
            template.bindRef(id, name);
            template.bindAttribute(id, "Arn", "arn:aws:dynamodb:" + "local:" + "000000000000:table/" + name);
        });
    }

    /** The user pool, its app client and groups; returns nothing: ids are bound for !Ref. */
    void cognito(CognitoIdentityProviderClient cognito) {
        template.resources("AWS::Cognito::UserPool").forEach((id, resource) -> {
            Map<String, Object> p = template.properties(resource);
            Map<String, Object> pw = map(map(p.getOrDefault("Policies", Map.of())).getOrDefault("PasswordPolicy", Map.of()));
            String poolId = cognito.createUserPool(r -> r.poolName(String.valueOf(template.resolve(p.get("UserPoolName"))))
                    .policies(x -> x.passwordPolicy(pp -> pp
                            .minimumLength((Integer) pw.getOrDefault("MinimumLength", 8))
                            .requireUppercase((Boolean) pw.getOrDefault("RequireUppercase", false))
                            .requireLowercase((Boolean) pw.getOrDefault("RequireLowercase", false))
                            .requireNumbers((Boolean) pw.getOrDefault("RequireNumbers", false))
                            .requireSymbols((Boolean) pw.getOrDefault("RequireSymbols", false))))
                    .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true))).userPool().id();
            template.bindRef(id, poolId);
        });
        template.resources("AWS::Cognito::UserPoolClient").forEach((id, resource) -> {
            Map<String, Object> p = template.properties(resource);
            String clientId = cognito.createUserPoolClient(r -> r
                    .userPoolId(String.valueOf(template.resolve(p.get("UserPoolId"))))
                    .clientName(String.valueOf(template.resolve(p.getOrDefault("ClientName", id))))
                    .generateSecret(Boolean.TRUE.equals(p.get("GenerateSecret")))
                    .explicitAuthFlows(((List<?>) p.getOrDefault("ExplicitAuthFlows", List.of())).stream()
                            .map(f -> ExplicitAuthFlowsType.fromValue(String.valueOf(f))).toList()))
                    .userPoolClient().clientId();
            template.bindRef(id, clientId);
        });
        template.resources("AWS::Cognito::UserPoolGroup").forEach((id, resource) -> {
            Map<String, Object> p = template.properties(resource);
            String group = String.valueOf(p.get("GroupName"));
            cognito.createGroup(r -> r.userPoolId(String.valueOf(template.resolve(p.get("UserPoolId"))))
                    .groupName(group).description(String.valueOf(p.getOrDefault("Description", ""))));
            template.bindRef(id, group);
        });
    }

    void emailIdentities(SesV2Client ses) {
        template.resources("AWS::SES::EmailIdentity").forEach((id, resource) -> {
            String identity = String.valueOf(template.resolve(template.properties(resource).get("EmailIdentity")));
            ses.createEmailIdentity(r -> r.emailIdentity(identity));
            template.bindRef(id, identity);
        });
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
                .keyType(str(k, "KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.getOrDefault(key, List.of());
    }

    private static String str(Map<String, Object> m, String key) {
        return String.valueOf(m.get(key));
    }
}
