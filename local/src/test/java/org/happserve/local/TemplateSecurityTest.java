package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Security and data-protection properties of template.yaml, read as data: least privilege in every
 * function's and state machine's policies (the lookup function writes only the request counters),
 * CORS limited to the console, throttling on the public routes and per client and mobile in the
 * public routes' functions, and the table's point-in-time recovery, deletion protection, encryption and TTL.
 */
class TemplateSecurityTest {
    private final CfnTemplate template = CfnTemplate.ofRepository();

    /** The SAM policy templates we allow, each with the parameter that must name one of our own resources. */
    private static final Map<String, Map.Entry<String, Set<String>>> POLICY_TEMPLATES = Map.of(
            "DynamoDBReadPolicy", Map.entry("TableName", Set.of("ComplaintsTable")),
            "DynamoDBCrudPolicy", Map.entry("TableName", Set.of("ComplaintsTable")),
            "StepFunctionsExecutionPolicy", Map.entry("StateMachineName", Set.of("SlaEscalationStateMachine")),
            "LambdaInvokePolicy", Map.entry("FunctionName", Set.of("EscalateComplaintFunction")));

    /** Actions that take no resource-level permission, allowed on "*" only for these principals. */
    private static final Map<String, Set<String>> STAR_RESOURCE_EXCEPTIONS = Map.of(
            "SlaEscalationStateMachine", Set.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                    "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"));

    @Test
    void everyPolicyIsLeastPrivilege() {
        List<String> findings = new ArrayList<>();
        int statements = 0;
        Map<String, Map<String, Object>> principals = new java.util.LinkedHashMap<>(template.resources("AWS::Serverless::Function"));
        principals.putAll(template.resources("AWS::Serverless::StateMachine"));
        assertThat(principals).hasSizeGreaterThanOrEqualTo(9);
        for (var p : principals.entrySet()) {
            String id = p.getKey();
            Object policies = template.properties(p.getValue()).get("Policies");
            assertThat(policies).as(id + " declares its policies").isInstanceOf(List.class);
            for (Object policy : (List<?>) policies) {
                if (policy instanceof String managed) {
                    findings.add(id + ": managed policy " + managed + " (not scoped to this stack)");
                    continue;
                }
                Map<String, Object> m = CfnTemplate.map(policy);
                if (m.containsKey("Statement")) {
                    for (Object s : (List<?>) m.get("Statement")) {
                        statements++;
                        check(id, CfnTemplate.map(s), findings);
                    }
                    continue;
                }
                assertThat(m).as(id + ": one policy template per entry").hasSize(1);
                String name = m.keySet().iterator().next();
                statements++;
                var expected = POLICY_TEMPLATES.get(name);
                if (expected == null) {
                    findings.add(id + ": policy template " + name + " is not on the reviewed list");
                    continue;
                }
                Object param = CfnTemplate.map(m.get(name)).get(expected.getKey());
                if (!expected.getValue().contains(referencedResource(param))) {
                    findings.add(id + ": " + name + " is not scoped to " + expected.getValue() + " but to " + param);
                }
            }
        }
        assertThat(findings).isEmpty();
        System.out.println("TemplateSecurityTest: " + principals.size() + " principals, " + statements + " policy statements checked");
    }

    private static void check(String id, Map<String, Object> s, List<String> findings) {
        assertThat(s.get("Effect")).as(id + " statement effect").isEqualTo("Allow");
        List<String> actions = strings(s.get("Action"));
        for (String a : actions) {
            if (a.equals("*") || a.endsWith(":*")) findings.add(id + ": wildcard action " + a);
        }
        if (s.containsKey("NotAction")) findings.add(id + ": NotAction grants everything else");
        if (s.containsKey("NotResource")) {
            // SMS to phone numbers: sns:Publish on everything that is NOT a topic.
            if (!actions.equals(List.of("sns:Publish")) || !"arn:aws:sns:*:*:*".equals(s.get("NotResource"))) {
                findings.add(id + ": NotResource other than sns:Publish outside topics: " + s);
            }
            return;
        }
        Object resource = s.get("Resource");
        if (resource == null) findings.add(id + ": statement without Resource " + s);
        for (Object r : resource instanceof List<?> l ? l : List.of(resource == null ? "" : resource)) {
            if (r instanceof String str && str.contains("*") && !str.endsWith(":*")) {
                Set<String> allowed = STAR_RESOURCE_EXCEPTIONS.getOrDefault(id, Set.of());
                if (!str.equals("*") || !allowed.containsAll(actions)) findings.add(id + ": resource " + str + " for " + actions);
            } else if (r instanceof String str && str.endsWith(":*")) {
                findings.add(id + ": literal wildcard ARN " + str);
            } else if (r instanceof Map<?, ?> intrinsic && intrinsic.containsKey("Fn::GetAtt")) {
                // The table itself outside a SAM policy template: item actions only, and only on the
                // partitions of one kind of record, named by a dynamodb:LeadingKeys condition (RATE#*, STATS#*).
                List<String> keys = leadingKeys(s);
                if (!List.of("ComplaintsTable", "Arn").equals(intrinsic.get("Fn::GetAtt"))
                        || !ITEM_ACTIONS.containsAll(actions) || keys.isEmpty()
                        || !keys.stream().allMatch(k -> k.matches("[A-Z]+#\\*"))) {
                    findings.add(id + ": unreviewed grant on " + intrinsic + " for " + actions + " " + s.get("Condition"));
                }
            } else if (r instanceof Map<?, ?> intrinsic && intrinsic.containsKey("Fn::Sub")) {
                // Scoped ARNs: our SES identity, or executions of our own state machine (":*" = any execution name).
                String text = String.valueOf(intrinsic.get("Fn::Sub"));
                if (!(text.contains(":identity/${SenderEmail}") || text.contains(":execution:${Name}:*"))) {
                    findings.add(id + ": unreviewed resource " + text);
                }
            }
        }
    }

    /** DynamoDB actions on items, which a dynamodb:LeadingKeys condition can confine to some partitions. */
    private static final Set<String> ITEM_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem");

    /**
     * The partition-key patterns a statement is confined to: its only condition is
     * {@code ForAllValues:StringLike: {dynamodb:LeadingKeys: [...]}}; empty when it is not.
     */
    private static List<String> leadingKeys(Map<String, Object> statement) {
        Object condition = statement.get("Condition");
        if (!(condition instanceof Map<?, ?> c) || c.size() != 1) return List.of();
        Object like = c.get("ForAllValues:StringLike");
        if (!(like instanceof Map<?, ?> l) || l.size() != 1) return List.of();
        return strings(l.get("dynamodb:LeadingKeys"));
    }

    @Test
    void theLookupFunctionReadsTheTableAndWritesOnlyTheRequestCounters() {
        Map<String, Object> lookup = template.properties(template.resources("AWS::Serverless::Function").get("QueryComplaintsFunction"));
        List<?> policies = (List<?>) lookup.get("Policies");
        List<String> templates = new ArrayList<>();
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object p : policies) {
            Map<String, Object> m = CfnTemplate.map(p);
            if (m.containsKey("Statement")) ((List<?>) m.get("Statement")).forEach(st -> statements.add(CfnTemplate.map(st)));
            else templates.addAll(m.keySet());
        }
        assertThat(templates).containsExactly("DynamoDBReadPolicy");
        assertThat(statements).hasSize(1);
        Map<String, Object> write = statements.get(0);
        assertThat(strings(write.get("Action"))).containsExactly("dynamodb:UpdateItem");
        assertThat(write.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("ComplaintsTable", "Arn")));
        assertThat(leadingKeys(write)).as("dynamodb:LeadingKeys: " + write.get("Condition")).containsExactly("RATE#*");
        // The prefix the adapter writes is the one the policy allows.
        assertThat("RATE#*").isEqualTo(org.happserve.aws.DynamoRateLimiter.PREFIX + "*");
    }

    @Test
    void thePublicRoutesFunctionsGetTheSameLimitsFromTheStacksParameters() {
        Map<String, String> expected = Map.of("THROTTLE_PER_IP", "PublicRequestsPerIp", "THROTTLE_PER_MOBILE", "PublicRequestsPerMobile",
                "THROTTLE_WINDOW_SECONDS", "PublicThrottleWindowSeconds");
        for (String function : List.of("QueryComplaintsFunction", "ManageComplaintFunction")) {
            Map<String, Object> env = template.functions().stream().filter(f -> f.logicalId().equals(function)).findFirst()
                    .orElseThrow().environment();
            expected.forEach((variable, parameter) -> assertThat(env.get(variable)).as(function + " " + variable)
                    .isEqualTo(Map.of("Ref", parameter)));
        }
        // The template's defaults are the code's (a function without the variables behaves the same).
        var defaults = org.happserve.app.CitizenThrottle.Limits.DEFAULT;
        assertThat(template.parameterDefault("PublicRequestsPerIp")).isEqualTo(String.valueOf(defaults.perIp()));
        assertThat(template.parameterDefault("PublicRequestsPerMobile")).isEqualTo(String.valueOf(defaults.perMobile()));
        assertThat(template.parameterDefault("PublicThrottleWindowSeconds")).isEqualTo(String.valueOf(defaults.window().toSeconds()));
    }

    private static String referencedResource(Object param) {
        Map<String, Object> m = param instanceof Map<?, ?> ? CfnTemplate.map(param) : Map.of();
        if (m.containsKey("Ref")) return String.valueOf(m.get("Ref"));
        if (m.containsKey("Fn::GetAtt")) {
            Object v = m.get("Fn::GetAtt");
            return v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v).split("\\.")[0];
        }
        return String.valueOf(param);
    }

    private static List<String> strings(Object o) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(o));
    }

    @Test
    void corsAllowsTheConsoleOnly() {
        Map<String, Object> api = template.properties(template.resources("AWS::Serverless::HttpApi").get("HappServeApi"));
        Map<String, Object> cors = CfnTemplate.map(api.get("CorsConfiguration"));
        List<?> origins = (List<?>) cors.get("AllowOrigins");
        assertThat(origins).hasSize(2);
        assertThat(origins.get(0)).isEqualTo(Map.of("Ref", "ConsoleOrigin"));
        assertThat(String.valueOf(origins.get(1))).contains("ConsoleDistribution.DomainName");
        assertThat(origins).noneMatch(o -> String.valueOf(o).contains("*"));
        assertThat(cors.get("AllowCredentials")).as("no cookies cross-origin").isNotEqualTo(true);
        assertThat(strings(cors.get("AllowHeaders"))).containsExactlyInAnyOrder("authorization", "content-type", "idempotency-key");
    }

    @Test
    void theApiIsThrottledAndThePublicRoutesMoreTightly() {
        Map<String, Object> api = template.properties(template.resources("AWS::Serverless::HttpApi").get("HappServeApi"));
        Map<String, Object> defaults = CfnTemplate.map(api.get("DefaultRouteSettings"));
        assertThat(defaults).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
        Map<String, Object> routes = CfnTemplate.map(api.get("RouteSettings"));
        for (String route : List.of("GET /v1/complaints/{number}", "POST /v1/complaints/{number}/reopen", "POST /v1/complaints")) {
            Map<String, Object> r = CfnTemplate.map(routes.get(route));
            assertThat(r).as(route).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
            assertThat(((Number) r.get("ThrottlingRateLimit")).doubleValue()).as(route)
                    .isLessThan(((Number) defaults.get("ThrottlingRateLimit")).doubleValue());
        }
    }

    @Test
    void theTableIsRecoverableProtectedAndExpiresOnlyExpendableRecords() {
        Map<String, Object> resource = template.resources("AWS::DynamoDB::Table").get("ComplaintsTable");
        assertThat(resource.get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(resource.get("UpdateReplacePolicy")).isEqualTo("Retain");
        Map<String, Object> table = template.properties(resource);
        assertThat(CfnTemplate.map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(table.get("DeletionProtectionEnabled")).isEqualTo(true);
        assertThat(CfnTemplate.map(table.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
        Map<String, Object> ttl = CfnTemplate.map(table.get("TimeToLiveSpecification"));
        assertThat(ttl.get("AttributeName")).isEqualTo("expiresAt");
        // Which records carry expiresAt is checked against the stored items by DataExportIT.
        assertThat(template.resources("AWS::DynamoDB::Table")).as("one table").hasSize(1);
        assertThat(template.resources("AWS::Cognito::UserPool").get("UserPool").get("DeletionPolicy")).isEqualTo("Retain");
    }
}
