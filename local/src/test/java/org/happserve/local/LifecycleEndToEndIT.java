package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The officer's and the citizen's side over HTTP: inbox, close with the citizen's SMS, reopen that
 * escalates, notes, reassignment, and who may do what (a role matrix with real Cognito tokens).
 */
@ExtendWith(RunningSystem.class)
class LifecycleEndToEndIT {
    private static final String MOBILE = "9824077777";
    private static LocalRuntime runtime;
    private static Http http;
    private static final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void start(LocalRuntime running) {
        runtime = running;
        http = new Http(runtime.apiUrl());
        runtime.addUser("ae-elec-w03", "officer", "ae-elec-w03");
        for (String user : List.of("operator1", "admin1", "ae-elec-w01", "dee-elec-north", "ae-elec-w03")) {
            tokens.put(user, http.login(user));
        }
    }

    /** A fresh street-light complaint in ward 1: the assignee is ae-elec-w01, above it dee-elec-north. */
    private static String streetLight() {
        Http.Response r = http.post("/v1/complaints", null, """
                {"citizen":{"name":"Nisha Parmar","mobile":"%s"},"ward":"W01","category":"STREET_LIGHT",
                 "description":"Lamp off near the temple"}""".formatted(MOBILE));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("number").asText();
    }

    private static String closedStreetLight() {
        String n = streetLight();
        assertThat(post(n, "close", "admin1", "{\"resolution\":\"Lamp replaced\"}").status()).isEqualTo(200);
        return n;
    }

    private static Http.Response post(String number, String action, String user, String body) {
        return http.post("/v1/complaints/" + number + "/" + action, user == null ? null : tokens.get(user), body);
    }

    /** Every number in an officer's inbox, following the cursor; due times never go backwards. */
    private static List<String> inbox(String officer) {
        List<String> numbers = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/v1/inbox?limit=25" + (cursor == null ? "" : "&cursor=" + cursor), tokens.get(officer)).json();
            numbers.addAll(page.path("items").findValuesAsText("number"));
            dues.addAll(page.path("items").findValuesAsText("dueAt"));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(dues).isSorted();
        assertThat(numbers).doesNotHaveDuplicates();
        return numbers;
    }

    private static String mobileOf(String officerId) {
        return Fixtures.sampleDirectory().officer(officerId).orElseThrow().mobile();
    }

    private static List<JsonNode> smsTo(String mobile, String containing) {
        JsonNode outbox = http.get("/local/outbox", null).json();
        return StreamSupport.stream(outbox.path("sms").spliterator(), false)
                .filter(m -> m.path("to").asText().equals(mobile) && m.path("message").asText().contains(containing))
                .toList();
    }

    @Test
    void registerCloseReopenEscalates() {
        String n = streetLight();
        JsonNode inbox = http.get("/v1/inbox?limit=5", tokens.get("ae-elec-w01")).json();
        assertThat(inbox.path("items").findValuesAsText("dueAt")).isSorted();
        assertThat(inbox.path("items").get(0).path("overdue").isBoolean()).isTrue();
        assertThat(inbox.path("items").findValuesAsText("status")).containsOnly("OPEN");
        assertThat(inbox("ae-elec-w01")).contains(n);

        Http.Response closed = post(n, "close", "ae-elec-w01", "{\"resolution\":\"Replaced the lamp and the fuse.\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("reopenableUntil").asText()).isNotBlank();
        assertThat(smsTo("+91" + MOBILE, n)).anyMatch(m -> m.path("message").asText().contains("resolved")
                && m.path("message").asText().contains("Replaced the lamp"));
        assertThat(inbox("ae-elec-w01")).doesNotContain(n);
        assertThat(post(n, "close", "ae-elec-w01", "{\"resolution\":\"again\"}").status()).isEqualTo(409);

        Http.Response reopened = post(n, "reopen", null, "{\"mobile\":\"+91 " + MOBILE + "\",\"reason\":\"Dark again tonight\"}");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        JsonNode c = reopened.json();
        assertThat(c.path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(c.path("reopenCount").asInt()).isEqualTo(1);
        assertThat(c.path("assignee").path("designation").asText()).isNotBlank();
        JsonNode staffView = http.get("/v1/complaints/" + n, tokens.get("operator1")).json();
        assertThat(staffView.path("assignee").path("officerId").asText()).isEqualTo("dee-elec-north");
        String newAssigneeMobile = mobileOf("dee-elec-north");
        assertThat(smsTo(newAssigneeMobile, n)).anyMatch(m -> m.path("message").asText().contains("reopened"));
        assertThat(inbox("dee-elec-north")).contains(n);
        // A reopen of an open complaint, and a wrong mobile, are refused.
        assertThat(post(n, "reopen", null, "{\"mobile\":\"" + MOBILE + "\",\"reason\":\"x\"}").status()).isEqualTo(409);
        Http.Response wrong = post(n, "reopen", null, "{\"mobile\":\"9824000000\",\"reason\":\"x\"}");
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.body()).isEqualTo(http.get("/v1/complaints/GMC-2612-999999?mobile=" + MOBILE, null).body());
    }

    @Test
    void notesAreForStaffAndTheTimelineRecordsEveryChange() {
        String n = streetLight();
        assertThat(post(n, "notes", "ae-elec-w01", "{\"text\":\"Called the complainant; site visit tomorrow\"}").status())
                .isEqualTo(200);
        assertThat(post(n, "reassign", "operator1", "{\"ward\":\"W03\",\"reason\":\"Caller gave the wrong ward\"}").status())
                .isEqualTo(200);
        JsonNode staff = http.get("/v1/complaints/" + n, tokens.get("operator1")).json();
        assertThat(staff.path("ward").asText()).isEqualTo("W03");
        assertThat(staff.path("assignee").path("officerId").asText()).isEqualTo("ae-elec-w03");
        List<String> types = staff.path("timeline").findValuesAsText("type");
        assertThat(types).contains("REGISTERED", "ASSIGNED", "NOTE", "REASSIGNED", "NOTIFICATION");
        staff.path("timeline").forEach(e -> assertThat(e.path("at").asText()).isNotBlank());
        // Both officers were told of the move.
        assertThat(smsTo(mobileOf("ae-elec-w01"), n)).anyMatch(m -> m.path("message").asText().contains("transferred"));
        assertThat(staff.path("timeline").findValuesAsText("to")).allMatch(to -> to.contains("*"));

        JsonNode citizen = http.get("/v1/complaints/" + n + "?mobile=" + MOBILE, null).json();
        List<String> publicTypes = citizen.path("timeline").findValuesAsText("type");
        assertThat(publicTypes).contains("REGISTERED", "REASSIGNED").doesNotContain("NOTE");
        assertThat(citizen.toString()).doesNotContain("site visit").doesNotContain("ae-elec");
        assertThat(citizen.path("timeline").findValuesAsText("recipient")).containsOnly("CITIZEN");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String n = streetLight();
        Http.Response blank = post(n, "close", "ae-elec-w01", "{\"resolution\":\"   \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("errors").findValuesAsText("field")).containsExactly("resolution");
        Http.Response tooLong = post(n, "notes", "ae-elec-w01", "{\"text\":\"" + "x".repeat(1001) + "\"}");
        assertThat(tooLong.json().path("errors").findValuesAsText("field")).containsExactly("text");
        assertThat(post(n, "close", "ae-elec-w01", "{\"resolution\":").status()).isEqualTo(400);
        assertThat(post("GMC-2612-999999", "close", "admin1", "{\"resolution\":\"done\"}").status()).isEqualTo(404);
        assertThat(post("not-a-number", "notes", "admin1", "{\"text\":\"x\"}").status()).isEqualTo(404);
        Http.Response noReason = post(n, "reassign", "operator1", "{\"ward\":\"W03\"}");
        assertThat(noReason.json().path("errors").findValuesAsText("field")).containsExactly("reason");
        Http.Response badWard = post(n, "reassign", "operator1", "{\"ward\":\"W99\",\"reason\":\"x\"}");
        assertThat(badWard.json().path("errors").findValuesAsText("field")).containsExactly("ward");
        // Nothing of that was written.
        JsonNode c = http.get("/v1/complaints/" + n, tokens.get("admin1")).json();
        assertThat(c.path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("ward").asText()).isEqualTo("W01");
        assertThat(c.path("timeline").findValuesAsText("type")).doesNotContain("NOTE", "CLOSED", "REASSIGNED");
    }

    /** Who may call what: every endpoint for every kind of caller, with real tokens. */
    @Test
    void roleMatrix() {
        List<String> callers = List.of("anonymous", "citizen", "citizen-wrong-mobile", "operator1", "ae-elec-w01",
                "ae-elec-w03", "dee-elec-north", "admin1");
        // Expected statuses in the order of `callers`.
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("GET catalog", new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        expected.put("POST complaints", new int[] {201, 201, 201, 201, 201, 201, 201, 201});
        expected.put("POST intakes", new int[] {401, 401, 401, 201, 403, 403, 403, 201});
        expected.put("GET complaint", new int[] {400, 200, 404, 200, 200, 200, 200, 200});
        expected.put("GET search", new int[] {401, 401, 401, 200, 200, 200, 200, 200});
        expected.put("GET inbox", new int[] {401, 401, 401, 403, 200, 200, 200, 403});
        expected.put("POST close", new int[] {401, 401, 401, 403, 200, 403, 200, 200});
        expected.put("POST reopen", new int[] {400, 200, 404, 200, 403, 403, 403, 200});
        expected.put("POST notes", new int[] {401, 401, 401, 200, 200, 200, 200, 200});
        expected.put("POST reassign", new int[] {401, 401, 401, 200, 403, 403, 403, 200});
        List<String> mismatches = new ArrayList<>();
        expected.forEach((endpoint, statuses) -> {
            for (int i = 0; i < callers.size(); i++) {
                int actual = call(endpoint, callers.get(i));
                if (actual != statuses[i]) mismatches.add(endpoint + " as " + callers.get(i) + ": " + actual + " (expected " + statuses[i] + ")");
            }
        });
        assertThat(mismatches).isEmpty();
    }

    private static int call(String endpoint, String caller) {
        String token = tokens.get(caller);
        String mobile = caller.equals("citizen-wrong-mobile") ? "9824000001" : MOBILE;
        boolean citizen = caller.startsWith("citizen");
        String complaint = "{\"citizen\":{\"name\":\"A\",\"mobile\":\"" + MOBILE + "\"},\"ward\":\"W01\","
                + "\"category\":\"STREET_LIGHT\",\"description\":\"x\"}";
        return switch (endpoint) {
            case "GET catalog" -> http.get("/v1/catalog", token).status();
            case "POST complaints" -> http.post("/v1/complaints", token, complaint).status();
            case "POST intakes" -> http.post("/v1/intakes", token, "{\"citizen\":{\"name\":\"A\",\"mobile\":\"" + MOBILE
                    + "\"},\"channel\":\"CALL_CENTRE\",\"complaints\":[{\"ward\":\"W01\",\"category\":\"STREET_LIGHT\","
                    + "\"description\":\"x\"}]}").status();
            case "GET complaint" -> http.get("/v1/complaints/" + streetLight() + (citizen ? "?mobile=" + mobile : ""), token).status();
            case "GET search" -> http.get("/v1/complaints?ward=W01" + (citizen ? "&mobile=" + mobile : ""), token).status();
            case "GET inbox" -> http.get("/v1/inbox", token).status();
            case "POST close" -> post(streetLight(), "close", caller, "{\"resolution\":\"done\"}").status();
            case "POST reopen" -> post(closedStreetLight(), "reopen", caller,
                    citizen ? "{\"mobile\":\"" + mobile + "\",\"reason\":\"again\"}" : "{\"reason\":\"again\"}").status();
            case "POST notes" -> post(streetLight(), "notes", caller, "{\"text\":\"checked\"}").status();
            case "POST reassign" -> post(streetLight(), "reassign", caller, "{\"ward\":\"W03\",\"reason\":\"wrong ward\"}").status();
            default -> throw new IllegalArgumentException(endpoint);
        };
    }
}
