package org.happserve.local;

import static org.happserve.local.CfnTemplate.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Creates in moto what template.yaml declares and the local runtime needs — DynamoDB tables with
 * their indexes and TTL, the Cognito user pool, app client and groups, the SES identity, the state
 * machines — and binds each logical id to its local physical id for intrinsic resolution.
 */
final class Provisioner {
    /** moto checks only that a role is named; the template's generated role has no local counterpart. */
    private static final String STATE_MACHINE_ROLE = "arn:aws:iam::123456789012:role/happserve-local-sfn";
    private final CfnTemplate template;
    private final String stackName;

    Provisioner(CfnTemplate template, String stackName) {
        this.template = template;
        this.stackName = stackName;
    }

    /** Binds each parameter to its default and the pseudo parameters to this local stack. */
    void bindDefaults(String region) {
        for (String p : template.parameterNames()) template.bindRef(p, template.parameterDefault(p));
        template.bindRef("AWS::Region", region);
        template.bindRef("AWS::AccountId", "123456789012"); // moto's default account
        template.bindRef("AWS::Partition", "aws");
        template.bindRef("AWS::StackName", stackName);
        template.bindRef("AWS::URLSuffix", "amazonaws.com");
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

    /**
     * Binds each function's name ({@code !Ref}), ARN ({@code !GetAtt .Arn}) and alias ARN
     * ({@code !Ref Fn.Alias}). Functions are not created in moto (its Lambda needs Docker): the local
     * gateway serves their Invoke API by name, whichever of these forms the caller uses.
     */
    void functions() {
        for (CfnTemplate.Function f : template.functions()) {
            String name = functionName(f.logicalId());
            String arn = String.valueOf(template.resolve(Map.of("Fn::Sub",
                    "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + name)));
            template.bindRef(f.logicalId(), name);
            template.bindAttribute(f.logicalId(), "Arn", arn);
            if (f.alias() != null) template.bindRef(f.logicalId() + ".Alias", arn + ":" + f.alias());
        }
    }

    String functionName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    /**
     * The Step Functions state machines: the file DefinitionUri names (relative to {@code root}) with
     * DefinitionSubstitutions applied as SAM applies them. Binds {@code !Ref} (the ARN) and
     * {@code !GetAtt .Name}. For moto to execute them, call {@link MotoServer#executeStateMachines} first.
     */
    void stateMachines(SfnClient sfn, Path root) throws IOException {
        for (var e : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            Map<String, Object> p = template.properties(e.getValue());
            String name = p.containsKey("Name") ? String.valueOf(template.resolve(p.get("Name"))) : stackName + "-" + e.getKey();
            String text = Files.readString(root.resolve(String.valueOf(p.get("DefinitionUri"))));
            for (var sub : map(p.getOrDefault("DefinitionSubstitutions", Map.of())).entrySet()) {
                text = text.replace("${" + sub.getKey() + "}", String.valueOf(template.resolve(sub.getValue())));
            }
            String definition = text;
            String arn = sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(STATE_MACHINE_ROLE)
                    .type(String.valueOf(p.getOrDefault("Type", "STANDARD")))).stateMachineArn();
            template.bindRef(e.getKey(), arn);
            template.bindAttribute(e.getKey(), "Name", name);
        }
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
