package org.happserve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.RegisterComplaints;
import org.happserve.domain.Caller;
import org.happserve.domain.FieldError;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.Metrics;
import org.happserve.testing.Events;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {
    private final AtomicReference<Caller> seen = new AtomicReference<>();

    /** A function whose work is {@code outcome}, behind the shared edge. */
    private ApiHandler handler(Supplier<ApiResponse> outcome) {
        return new ApiHandler(new Callers(null)) {
            @Override
            protected ApiResponse handle(ApiEvent event, Caller caller) {
                seen.set(caller);
                return outcome.get();
            }
        };
    }

    private ApiHandler failing(RuntimeException e) {
        return handler(() -> {
            throw e;
        });
    }

    /** The problem document answered for {@code e}, checked for the RFC 9457 members every problem carries. */
    private JsonNode problem(RuntimeException e, int status) {
        ApiResponse r = failing(e).respond(Fixtures.apiEvent("complaint-register.json"));
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode p = Lambda.json(r.body());
        assertThat(p.path("type").asText()).startsWith(ApiResponse.PROBLEM_TYPE_BASE);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("detail").asText()).isNotBlank();
        return p;
    }

    @Test
    void validationErrorsAre400NamingEveryField() {
        JsonNode p = problem(new ValidationException(List.of(new FieldError("citizen.mobile", "is required"),
                new FieldError("complaints[1].ward", "unknown ward 'W99'"))), 400);
        assertThat(p.path("type").asText()).isEqualTo("https://happserve.org/problems/validation");
        assertThat(p.path("detail").asText()).isEqualTo("citizen.mobile is required; complaints[1].ward unknown ward 'W99'");
        assertThat(p.path("errors")).hasSize(2);
        assertThat(p.path("errors").get(1).path("field").asText()).isEqualTo("complaints[1].ward");
        assertThat(p.path("errors").get(1).path("message").asText()).isEqualTo("unknown ward 'W99'");
    }

    @Test
    void apiExceptionsKeepTheirStatusAndHaveNoErrorsMemberWhenThereAreNone() {
        JsonNode p = problem(ApiException.notFound("no complaint with this number and mobile"), 404);
        assertThat(p.path("type").asText()).endsWith("/not-found");
        assertThat(p.path("detail").asText()).isEqualTo("no complaint with this number and mobile");
        assertThat(p.has("errors")).isFalse();
        problem(ApiException.unauthorized("sign in"), 401);
        problem(ApiException.forbidden("operators only"), 403);
    }

    @Test
    void aCursorNotIssuedForTheQueryIs400OnTheCursor() {
        JsonNode p = problem(new ComplaintStore.InvalidCursorException("cursor belongs to another query"), 400);
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void aReusedIdempotencyKeyIs422() {
        JsonNode p = problem(new RegisterComplaints.KeyReusedException(), 422);
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void anUnexpectedErrorIsABare500ThatLeaksNothing() {
        IllegalStateException boom = new IllegalStateException("table happserve-gmc-ComplaintsTable-1X2Y3Z not found");
        boom.addSuppressed(new RuntimeException("AKIA-secret"));
        JsonNode p = problem(boom, 500);
        assertThat(p.path("type").asText()).endsWith("/internal");
        assertThat(p.has("errors")).isFalse();
        assertThat(p.toString()).doesNotContain("ComplaintsTable", "AKIA", "IllegalStateException", "Exception",
                "at org.happserve", "java.");
        assertThat(p.fieldNames()).toIterable().containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    @Test
    void callersAreIdentifiedBeforeTheFunctionRuns() {
        handler(() -> ApiResponse.json(200, Json.object())).respond(Fixtures.apiEvent("intake-operator.json"));
        assertThat(seen.get()).isEqualTo(new Caller("operator1", Set.of(Caller.Role.OPERATOR)));
    }

    @Test
    void aSignedInUserInNoStaffGroupIsRefusedBeforeTheFunctionRuns() {
        var event = Events.withGroups(Fixtures.event("intake-operator.json"), "[]");
        ApiResponse r = handler(() -> ApiResponse.json(200, Json.object())).respond(ApiEvent.parse(event));
        assertThat(r.status()).isEqualTo(403);
        assertThat(seen.get()).isNull();
    }

    @Test
    void theLambdaEntryPointAnswersAProxyResponse() {
        HttpResult r = Lambda.http(handler(() -> ApiResponse.json(201, Json.object().put("number", "GMC-2612-000451"))
                .withHeader("location", "/v1/complaints/GMC-2612-000451")), Fixtures.event("complaint-register.json"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.base64()).isFalse();
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.header("location")).isEqualTo("/v1/complaints/GMC-2612-000451");
        assertThat(r.body().path("number").asText()).isEqualTo("GMC-2612-000451");
    }

    @Test
    void theLambdaEntryPointAnswersProblemsToo() {
        HttpResult r = Lambda.http(failing(new NullPointerException()), Fixtures.event("catalog-get.json"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(500);
    }

    @Test
    void aThrottledRequestIs429ProblemWithRetryAfter() {
        // The 11th request for one mobile in the window that ends 60 s after Fixtures.NOW.
        CitizenThrottle throttle = new CitizenThrottle((key, start, expires) -> 11, CitizenThrottle.Limits.DEFAULT,
                Fixtures.CLOCK, Metrics.NONE);
        ApiHandler h = handler(() -> {
            throttle.checkMobile("9876543210");
            return ApiResponse.json(200, Json.object());
        });
        ApiResponse r = h.respond(Fixtures.apiEvent("complaint-get-citizen.json"));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsEntry("content-type", "application/problem+json").containsEntry("retry-after", "60");
        JsonNode p = Lambda.json(r.body());
        assertThat(p.path("type").asText()).isEqualTo("https://happserve.org/problems/too-many-requests");
        assertThat(p.path("title").asText()).isEqualTo("Too many requests");
        assertThat(p.path("status").asInt()).isEqualTo(429);
        assertThat(p.path("detail").asText()).contains("mobile").doesNotContain("3210");
    }

    @Test
    void theSourceAddressIsApiGatewaysNotTheForwardedHeader() {
        ApiEvent e = ApiEvent.parse(Events.withHeader(Fixtures.event("complaint-get-citizen.json"), "x-forwarded-for", "1.2.3.4"));
        assertThat(e.sourceIp()).isEqualTo("49.36.120.17");
        assertThat(Priming.event("GET /v1/complaints/{number}", java.util.Map.of(), java.util.Map.of(), null).sourceIp())
                .as("priming is never counted").isNull();
    }
}
