package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template as the local runtime reads it: every contract route, its handler and authorizer. */
class CfnTemplateTest {
    private final CfnTemplate template = CfnTemplate.ofRepository();

    @Test
    void everyRouteOfTheContractHasAFunctionWithALoadableHandler() throws Exception {
        Map<String, Boolean> authorized = new java.util.HashMap<>();
        for (CfnTemplate.Function f : template.functions()) {
            Class<?> handler = Class.forName(f.handlerClass());
            assertThat(handler.getConstructor(Map.class)).as(f.logicalId() + " wiring constructor").isNotNull();
            assertThat(handler.getConstructor()).as(f.logicalId() + " Lambda constructor").isNotNull();
            f.routes().forEach(r -> authorized.put(r.routeKey(), r.authorized()));
        }
        assertThat(authorized).containsEntry("GET /v1/catalog", false)
                .containsEntry("POST /v1/complaints", false)
                .containsEntry("GET /v1/complaints/{number}", false)
                .containsEntry("POST /v1/intakes", true)
                .containsEntry("GET /v1/complaints", true);
    }

    @Test
    void theRetryJobIsScheduled() {
        var retry = template.functions().stream().filter(f -> f.logicalId().equals("RetryNotificationsFunction"))
                .findFirst().orElseThrow();
        assertThat(retry.schedules()).extracting(CfnTemplate.Schedule::expression).containsExactly("rate(5 minutes)");
        assertThat(LocalRuntime.rateMillis("rate(5 minutes)")).isEqualTo(300_000);
        assertThat(LocalRuntime.rateMillis("rate(1 day)")).isEqualTo(86_400_000);
        assertThat(LocalRuntime.rateMillis("cron(0 8 * * ? *)")).isEqualTo(86_400_000);
        assertThatThrownBy(() -> LocalRuntime.rateMillis("cron(0 8 ? * MON *)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intrinsicsResolveAgainstLocalValues() {
        template.bindRef("UserPool", "ap-south-1_abc");
        template.bindRef("AWS::Region", "ap-south-1");
        template.bindRef("ComplaintsTable", "local-ComplaintsTable");
        template.bindAttribute("Logs", "Arn", "arn:logs");
        var env = template.functions().get(0).environment();
        assertThat(template.resolve(env.get("JWT_ISSUER"))).isEqualTo("https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_abc");
        assertThat(template.resolve(env.get("TABLE_NAME"))).isEqualTo("local-ComplaintsTable");
        assertThat(template.resolve(Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "AWS::Region"))))))
                .isEqualTo("a-ap-south-1");
        assertThat(template.resolve(Map.of("Fn::Sub", "${Logs.Arn}/x"))).isEqualTo("arn:logs/x");
        assertThatThrownBy(() -> template.resolve(Map.of("Ref", "Nowhere"))).isInstanceOf(IllegalStateException.class);
    }
}
