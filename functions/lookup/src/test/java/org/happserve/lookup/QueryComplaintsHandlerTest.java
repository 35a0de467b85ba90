package org.happserve.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.happserve.testing.Events.anonymous;
import static org.happserve.testing.Events.withNumber;
import static org.happserve.testing.Events.withQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.happserve.domain.Complaint;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.http.Callers;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.ComplaintRecord;
import org.happserve.ports.ComplaintStore.InvalidCursorException;
import org.happserve.ports.ComplaintStore.Page;
import org.happserve.ports.ComplaintStore.Query;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.happserve.testing.MockedPorts;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryComplaintsHandlerTest {
    private static final String NUMBER = "GMC-2612-000451";
    private final MockedPorts ports = new MockedPorts();
    private final ComplaintStore store = ports.store;
    private final QueryComplaintsHandler handler =
            new QueryComplaintsHandler(ports.lookup(), ports.directory(), new Callers(null));
    private final NewComplaint registered = Samples.streetLight(NUMBER);

    @BeforeEach
    void storeHoldsOneComplaintWithAnInternalNote() {
        List<TimelineEntry> timeline = new ArrayList<>(registered.timeline());
        timeline.add(new TimelineEntry(Fixtures.NOW.plusSeconds(600), "NOTE", "officer:ae-elec-w01",
                "Lineman assigned; cable fault suspected", true));
        when(store.find(NUMBER)).thenReturn(Optional.of(
                new ComplaintRecord(registered.complaint(), timeline, registered.notifications())));
    }

    private HttpResult get(ObjectNode event) {
        return Lambda.http(handler, event);
    }

    private static List<String> timelineTypes(JsonNode complaint) {
        List<String> types = new ArrayList<>();
        complaint.path("timeline").forEach(e -> types.add(e.path("type").asText() + (e.has("recipient")
                ? ":" + e.path("recipient").asText() + ":" + e.path("channel").asText() : "")));
        return types;
    }

    @Nested
    class ACitizen {
        private ObjectNode event() {
            return Fixtures.event("complaint-get-citizen.json");
        }

        @Test
        void seesTheirComplaintWithTheRegisteredMobileMasked() {
            HttpResult r = get(event());
            assertThat(r.status()).isEqualTo(200);
            JsonNode c = r.body();
            assertThat(c.path("number").asText()).isEqualTo(NUMBER);
            assertThat(c.path("status").asText()).isEqualTo("OPEN");
            assertThat(c.path("escalationLevel").asInt()).isZero();
            assertThat(c.path("citizen").path("mobile").asText()).isEqualTo("+91******3210");
            assertThat(c.path("citizen").path("email").asText()).isEqualTo("a****@example.in");
            assertThat(c.path("assignee").path("designation").asText()).isEqualTo("Assistant Engineer (Electrical)");
            assertThat(c.path("assignee").has("officerId")).isFalse();
            assertThat(c.toString()).doesNotContain("9876543210", "asha.patel@", "Bhavesh Parmar", "+919000010005");
        }

        @Test
        void seesThePublicTimelineOnly() {
            JsonNode c = get(event()).body();
            assertThat(timelineTypes(c)).containsExactly("REGISTERED", "ASSIGNED",
                    "NOTIFICATION:CITIZEN:SMS", "NOTIFICATION:CITIZEN:EMAIL");
            assertThat(c.path("timeline").get(2).path("to").asText()).isEqualTo("+91******3210");
            assertThat(c.path("timeline").get(2).path("deliveryState").asText()).isEqualTo("PENDING");
            assertThat(c.toString()).doesNotContain("Lineman");
        }

        @Test
        void anUnknownNumberAndAWrongMobileAnswerTheSame404() {
            HttpResult unknown = get(withNumber(event(), "GMC-2612-000999"));
            HttpResult wrongMobile = get(withQuery(event(), Map.of("mobile", "9123456789")));
            unknown.assertProblem(404);
            assertThat(wrongMobile.status()).isEqualTo(404);
            assertThat(wrongMobile.body()).isEqualTo(unknown.body());
            assertThat(wrongMobile.headers()).isEqualTo(unknown.headers());
        }

        @Test
        void aNumberThatCannotExistIsNotLookedUp() {
            get(withNumber(event(), "GMC-2612-000451' OR 1=1")).assertProblem(404);
            verify(store, never()).find(any());
        }

        @Test
        void mustGiveAValidMobile() {
            get(withQuery(event(), Map.of())).assertProblem(400, "mobile");
            get(withQuery(event(), Map.of("mobile", "079-23234"))).assertProblem(400, "mobile");
            verify(store, never()).find(any());
        }
    }

    @Nested
    class Staff {
        @Test
        void seeTheWholeComplaintAndTimeline() {
            HttpResult r = get(Fixtures.event("complaint-get-staff.json"));
            assertThat(r.status()).isEqualTo(200);
            JsonNode c = r.body();
            assertThat(c.path("citizen").path("mobile").asText()).isEqualTo(Samples.MOBILE);
            assertThat(c.path("assignee").path("officerId").asText()).isEqualTo("ae-elec-w01");
            assertThat(c.path("assignee").path("name").asText()).isEqualTo("Bhavesh Parmar");
            assertThat(timelineTypes(c)).containsExactly("REGISTERED", "ASSIGNED", "NOTIFICATION:OFFICER:SMS",
                    "NOTIFICATION:CITIZEN:SMS", "NOTIFICATION:CITIZEN:EMAIL", "NOTE");
            assertThat(c.path("timeline").get(5).path("internal").asBoolean()).isTrue();
        }

        @Test
        void getTheSame404ForAnUnknownNumber() {
            get(withNumber(Fixtures.event("complaint-get-staff.json"), "GMC-2612-000999")).assertProblem(404);
        }
    }

    @Nested
    class Search {
        private final Page<Complaint> page =
                new Page<>(List.of(registered.complaint()), "eyJwayI6ImMjR01DLTI2MTItMDAwNDUxIn0");

        private ObjectNode event() {
            return Fixtures.event("complaints-search.json");
        }

        @Test
        void answersOnePageOfItemsAndTheNextCursor() {
            when(store.search(any(), any(), anyInt())).thenReturn(page);
            HttpResult r = get(event());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("items")).hasSize(1);
            JsonNode item = r.body().path("items").get(0);
            assertThat(item.path("number").asText()).isEqualTo(NUMBER);
            assertThat(item.path("citizen").path("mobile").asText()).isEqualTo(Samples.MOBILE);
            assertThat(item.has("timeline")).isFalse();
            assertThat(r.body().path("nextCursor").asText()).isEqualTo(page.nextCursor());
            verify(store).search(new Query(null, Status.OPEN, "W01", null, null), null, 20);
        }

        @Test
        void theLastPageHasANullCursor() {
            when(store.search(any(), any(), anyInt())).thenReturn(new Page<>(List.of(), null));
            JsonNode body = get(event()).body();
            assertThat(body.path("items")).isEmpty();
            assertThat(body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode()).isTrue();
        }

        @Test
        void everyFilterAndTheCursorArePassedOn() {
            when(store.search(any(), any(), anyInt())).thenReturn(page);
            get(withQuery(event(), Map.of("mobile", "098765 43210", "status", "CLOSED", "ward", "W02",
                    "category", "POTHOLE", "escalationLevel", "3", "limit", "100", "cursor", "abc")));
            verify(store).search(new Query(Samples.MOBILE, Status.CLOSED, "W02", "POTHOLE", 3), "abc", 100);
        }

        @Test
        void badFiltersAreNamed() {
            get(withQuery(event(), Map.of("status", "open"))).assertProblem(400, "status");
            get(withQuery(event(), Map.of("ward", "W99"))).assertProblem(400, "ward");
            get(withQuery(event(), Map.of("category", "UFO"))).assertProblem(400, "category");
            get(withQuery(event(), Map.of("escalationLevel", "4"))).assertProblem(400, "escalationLevel");
            get(withQuery(event(), Map.of("escalationLevel", "-1"))).assertProblem(400, "escalationLevel");
            get(withQuery(event(), Map.of("limit", "101"))).assertProblem(400, "limit");
            get(withQuery(event(), Map.of("limit", "ten"))).assertProblem(400, "limit");
            get(withQuery(event(), Map.of("mobile", "12345"))).assertProblem(400, "mobile");
            verify(store, never()).search(any(), any(), anyInt());
        }

        @Test
        void aForeignCursorIsABadRequest() {
            when(store.search(any(), any(), anyInt())).thenThrow(new InvalidCursorException("cursor is for another query"));
            get(withQuery(event(), Map.of("cursor", "forged"))).assertProblem(400, "cursor");
        }

        @Test
        void citizensCannotSearch() {
            get(anonymous(event())).assertProblem(401);
            verify(store, never()).search(any(), any(), anyInt());
        }
    }
}
