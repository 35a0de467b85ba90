package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The citizen and operator flows over HTTP against the whole local runtime: moto, the template's
 * resources, the gateway with the Cognito JWT check, the functions, and the outbox.
 */
@ExtendWith(RunningSystem.class)
class IntakeEndToEndIT {
    private static final double TIME_SCALE = RunningSystem.TIME_SCALE;
    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start(LocalRuntime running) {
        runtime = running;
        http = new Http(runtime.apiUrl());
    }

    private static String citizenBody(String mobile, String email) {
        return """
                {"citizen":{"name":"Kiran Solanki","mobile":"%s"%s},
                 "ward":"W01","category":"STREET_LIGHT",
                 "description":"Street light near the garden gate has been off for a week",
                 "address":"Sector 3, plot 214","location":{"lat":23.2156,"lng":72.6369}}
                """.formatted(mobile, email == null ? "" : ",\"email\":\"" + email + "\"");
    }

    private static List<JsonNode> sms(String to) {
        JsonNode outbox = http.get("/local/outbox", null).json();
        return StreamSupport.stream(outbox.path("sms").spliterator(), false)
                .filter(m -> m.path("to").asText().equals(to)).toList();
    }

    @Test
    void localInfoListsTheApiThePoolAndAnAccountPerRole() {
        JsonNode info = http.get("/local/info", null).json();
        assertThat(info.path("apiUrl").asText()).isEqualTo(runtime.apiUrl().toString());
        assertThat(info.path("cognito").path("userPoolId").asText()).isEqualTo(runtime.userPoolId());
        assertThat(info.path("cognito").path("clientId").asText()).isEqualTo(runtime.clientId());
        List<String> roles = new ArrayList<>();
        info.path("users").forEach(u -> roles.add(u.path("role").asText()));
        assertThat(roles).contains("operator", "officer", "admin");
        info.path("users").forEach(u -> assertThat(u.has("officerId")).isTrue());
        // An officer at every level of the chain for the first ward.
        assertThat(StreamSupport.stream(info.path("users").spliterator(), false)
                .filter(u -> u.path("role").asText().equals("officer")).map(u -> u.path("officerId").asText()))
                .contains("ae-elec-w01", "dmc");
        assertThat(http.post("/local/login", null, "{\"username\":\"operator1\",\"password\":\"wrong\"}").status()).isEqualTo(401);
    }

    @Test
    void aCitizenLodgesAComplaintAndTracksIt() {
        Http.Response catalog = http.get("/v1/catalog", null);
        assertThat(catalog.status()).isEqualTo(200);
        JsonNode streetLight = StreamSupport.stream(catalog.json().path("categories").spliterator(), false)
                .filter(c -> c.path("code").asText().equals("STREET_LIGHT")).findFirst().orElseThrow();
        assertThat(catalog.json().path("wards").size()).isGreaterThanOrEqualTo(6);

        Http.Response created = http.post("/v1/complaints", null, citizenBody("98250 11111", "kiran@example.org"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        String number = c.path("number").asText();
        assertThat(number).matches("GMC-\\d{4}-\\d{6}");
        assertThat(created.header("location")).isEqualTo("/v1/complaints/" + number);
        assertThat(c.path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("escalationLevel").asInt()).isZero();
        assertThat(c.path("assignee").path("designation").asText()).isEqualTo("Assistant Engineer (Electrical)");
        assertThat(c.path("citizen").path("mobile").asText()).isEqualTo("+91******1111");
        Instant registered = Instant.parse(c.path("registeredAt").asText());
        Duration sla = Duration.ofHours(streetLight.path("slaHours").asLong()).dividedBy((long) TIME_SCALE);
        assertThat(Instant.parse(c.path("dueAt").asText())).isEqualTo(registered.plus(sla));

        // The area officer and the citizen got their SMS; the citizen an email too.
        assertThat(sms("+919000010005")).anyMatch(m -> m.path("message").asText().contains(number));
        assertThat(sms("+919825011111")).singleElement().satisfies(m ->
                assertThat(m.path("message").asText()).contains(number).contains("Street light"));
        JsonNode outbox = http.get("/local/outbox", null).json();
        assertThat(outbox.path("email").findValuesAsText("subject")).anyMatch(s -> s.contains(number));
        outbox.path("sms").forEach(m -> assertThat(m.path("sentAt").asText()).isNotBlank());

        // The citizen reads it back with the registered mobile, in any accepted form.
        Http.Response mine = http.get("/v1/complaints/" + number + "?mobile=%2B919825011111", null);
        assertThat(mine.status()).isEqualTo(200);
        JsonNode timeline = mine.json().path("timeline");
        assertThat(timeline.findValuesAsText("type")).contains("REGISTERED", "ASSIGNED", "NOTIFICATION");
        assertThat(mine.json().path("citizen").path("mobile").asText()).isEqualTo("+91******1111");
        assertThat(mine.json().path("assignee").has("officerId")).isFalse();
        // The public timeline shows the citizen's messages (masked) but not the officer's.
        timeline.forEach(e -> {
            if (e.path("type").asText().equals("NOTIFICATION")) {
                assertThat(e.path("recipient").asText()).isEqualTo("CITIZEN");
                assertThat(e.path("to").asText()).doesNotContain("9825011111");
                assertThat(e.path("deliveryState").asText()).isEqualTo("SENT");
            }
        });

        // A wrong mobile and an unknown number are indistinguishable.
        Http.Response wrongMobile = http.get("/v1/complaints/" + number + "?mobile=9825099999", null);
        Http.Response unknown = http.get("/v1/complaints/GMC-2612-999999?mobile=9825011111", null);
        assertThat(wrongMobile.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMobile.body()).isEqualTo(unknown.body());
        assertThat(wrongMobile.header("content-type")).isEqualTo("application/problem+json");

        // Staff see it unmasked, with who holds it.
        String operator = http.login("operator1");
        JsonNode staffView = http.get("/v1/complaints/" + number, operator).json();
        assertThat(staffView.path("citizen").path("mobile").asText()).isEqualTo("+919825011111");
        assertThat(staffView.path("assignee").path("officerId").asText()).isEqualTo("ae-elec-w01");
        assertThat(staffView.path("timeline").findValuesAsText("recipient")).contains("OFFICER", "CITIZEN");
    }

    @Test
    void anOperatorRecordsACallWithSeveralComplaintsOrNothing() {
        String operator = http.login("operator1");
        String mobile = "9909922222";
        Http.Response invalid = http.post("/v1/intakes", operator, """
                {"citizen":{"name":"Hetal Joshi","mobile":"%s"},"channel":"CALL_CENTRE",
                 "complaints":[{"ward":"W02","category":"POTHOLE","description":"Deep pothole"},
                               {"ward":"W02","category":"NO_SUCH","description":"?"}]}
                """.formatted(mobile));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").findValuesAsText("field")).containsExactly("complaints[1].category");
        assertThat(http.get("/v1/complaints?mobile=" + mobile, operator).json().path("items").size()).isZero();

        Http.Response ok = http.post("/v1/intakes", operator, """
                {"citizen":{"name":"Hetal Joshi","mobile":"%s","language":"gu"},"channel":"CALL_CENTRE",
                 "complaints":[{"ward":"W02","category":"POTHOLE","description":"Deep pothole"},
                               {"ward":"W02","category":"GARBAGE_NOT_COLLECTED","description":"Bins full for 3 days"}]}
                """.formatted(mobile));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        List<String> numbers = ok.json().path("complaints").findValuesAsText("number");
        assertThat(numbers).hasSize(2).doesNotHaveDuplicates();
        assertThat(ok.json().path("complaints").findValuesAsText("channel")).containsOnly("CALL_CENTRE");
        // Each complaint's own officer is told of it; the citizen gets Gujarati SMS.
        JsonNode outbox = http.get("/local/outbox", null).json();
        for (String n : numbers) {
            assertThat(outbox.path("sms").findValuesAsText("message").stream().filter(m -> m.contains(n))).hasSize(2);
        }
        assertThat(sms("+919909922222")).hasSize(2).allMatch(m -> m.path("message").asText().contains("ફરિયાદ"));

        JsonNode search = http.get("/v1/complaints?mobile=" + mobile + "&status=OPEN&ward=W02", operator).json();
        assertThat(search.path("items").findValuesAsText("number")).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(search.has("nextCursor")).isTrue();
        JsonNode firstPage = http.get("/v1/complaints?mobile=" + mobile + "&limit=1", operator).json();
        String cursor = firstPage.path("nextCursor").asText();
        JsonNode secondPage = http.get("/v1/complaints?mobile=" + mobile + "&limit=1&cursor=" + cursor, operator).json();
        assertThat(List.of(firstPage.path("items").get(0).path("number").asText(),
                secondPage.path("items").get(0).path("number").asText())).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(secondPage.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void retriesWithAnIdempotencyKeyNeverDuplicate() {
        Map<String, String> headers = Map.of("content-type", "application/json", "idempotency-key", "web-7f3a9c");
        Http.Response first = http.post("/v1/complaints", null, citizenBody("9825033333", null), headers);
        Http.Response retry = http.post("/v1/complaints", null, citizenBody("9825033333", null), headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("number")).isEqualTo(first.json().path("number"));
        assertThat(sms("+919825033333")).hasSize(1);

        Http.Response other = http.post("/v1/complaints", null, citizenBody("9825044444", null), headers);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
    }

    @Test
    void badInputIsRefusedWithProblemDetailsNamingTheField() {
        record Case(String body, String contentType, int status, String field) {}
        List<Case> cases = List.of(
                new Case("{\"citizen\":{\"name\":\"A\",\"mobile\":\"12345\"},\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\"x\"}",
                        "application/json", 400, "citizen.mobile"),
                new Case("{\"citizen\":{\"name\":\" \",\"mobile\":\"9825055555\"},\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\"x\"}",
                        "application/json", 400, "citizen.name"),
                new Case("{\"citizen\":{\"name\":\"A\",\"mobile\":\"9825055555\"},\"ward\":\"W77\",\"category\":\"POTHOLE\",\"description\":\"x\"}",
                        "application/json", 400, "ward"),
                new Case("{\"citizen\":{\"name\":\"A\",\"mobile\":\"9825055555\"},\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\""
                        + "d".repeat(2001) + "\"}", "application/json", 400, "description"),
                new Case("{\"citizen\":{\"name\":\"A\",\"mobile\":9825055555},\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\"x\"}",
                        "application/json", 400, "citizen.mobile"),
                new Case("{\"citizen\":", "application/json", 400, "body"),
                new Case("citizen=A", "application/x-www-form-urlencoded", 415, "content-type"),
                new Case("{\"description\":\"" + "x".repeat(70_000) + "\"}", "application/json", 413, "body"));
        for (Case c : cases) {
            Http.Response r = http.post("/v1/complaints", null, c.body(), Map.of("content-type", c.contentType()));
            assertThat(r.status()).as(c.field() + ": " + r.body()).isEqualTo(c.status());
            assertThat(r.header("content-type")).isEqualTo("application/problem+json");
            assertThat(r.json().path("errors").findValuesAsText("field")).as(r.body()).contains(c.field());
        }
        // None of them wrote anything.
        assertThat(http.get("/v1/complaints?mobile=9825055555", http.login("operator1")).json().path("items").size()).isZero();
    }

    @Test
    void staffRoutesNeedAValidTokenInTheRightGroup() {
        String intake = "{\"citizen\":{\"name\":\"A\",\"mobile\":\"9825066666\"},\"channel\":\"WARD_OFFICE\","
                + "\"complaints\":[{\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\"x\"}]}";
        assertThat(http.post("/v1/intakes", null, intake).status()).isEqualTo(401);
        assertThat(http.post("/v1/intakes", "not.a.token", intake).status()).isEqualTo(401);
        String token = http.login("operator1");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(http.post("/v1/intakes", tampered, intake).status()).isEqualTo(401);
        assertThat(http.get("/v1/complaints", null).status()).isEqualTo(401);
        Http.Response officer = http.post("/v1/intakes", http.login("ae-elec-w01"), intake);
        assertThat(officer.status()).isEqualTo(403);
        assertThat(officer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(http.post("/v1/intakes", http.login("admin1"), intake).status()).isEqualTo(201);
        // A bad staff token on a public route is refused, not silently treated as a citizen.
        assertThat(http.get("/v1/complaints/GMC-2612-000001", tampered).status()).isEqualTo(401);
    }
}
