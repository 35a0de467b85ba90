package org.happserve.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.happserve.testing.Events.anonymous;
import static org.happserve.testing.Events.withNumber;
import static org.happserve.testing.Events.withQuery;
import static org.happserve.testing.Events.withSourceIp;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.happserve.app.CitizenThrottle;
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
import org.happserve.ports.RateLimiter;
import org.happserve.testing.Fixtures;
import org.happserve.testing.InMemoryRateLimiter;
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
            new QueryComplaintsHandler(ports.lookup(), ports.directory(), new Callers(null), CitizenThrottle.unlimited());
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

    /** Per address 5, per mobile 2 in a minute; the sample event comes from 49.36.120.17 for 98765 43210. */
    @Nested
    class Throttling {
        private final InMemoryRateLimiter counters = new InMemoryRateLimiter();
        private final List<String> metrics = new ArrayList<>();

        private QueryComplaintsHandler limited(RateLimiter limiter) {
            return new QueryComplaintsHandler(ports.lookup(), ports.directory(), new Callers(null),
                    new CitizenThrottle(limiter, new CitizenThrottle.Limits(5, 2, Duration.ofMinutes(1)), Fixtures.CLOCK, metrics::add));
        }

        private HttpResult lookup(ObjectNode event) {
            return Lambda.http(limited(counters), event);
        }

        private ObjectNode citizen(String ip, String mobile) {
            return withQuery(withSourceIp(Fixtures.event("complaint-get-citizen.json"), ip), Map.of("mobile", mobile));
        }

        @Test
        void aMobileIsRefusedPastItsLimitFromAnyAddressWith429AndRetryAfter() {
            assertThat(lookup(citizen("49.36.120.17", "98765 43210")).status()).isEqualTo(200);
            assertThat(lookup(citizen("49.36.120.18", "+919876543210")).status()).isEqualTo(200);
            HttpResult third = lookup(citizen("49.36.120.19", "09876543210"));
            third.assertProblem(429);
            assertThat(third.header("retry-after")).as("the window ends a minute after Fixtures.NOW").isEqualTo("60");
            assertThat(third.body().path("title").asText()).isEqualTo("Too many requests");
            assertThat(third.body().path("detail").asText()).contains("mobile number").doesNotContain("3210");
            assertThat(metrics).containsExactly("ThrottledByMobile");
            assertThat(lookup(citizen("49.36.120.19", "9123456789")).status()).as("another mobile: a 404, not a 429").isEqualTo(404);
        }

        @Test
        void anAddressIsCountedBeforeTheMobileAndRefusedPastItsLimit() {
            for (int i = 0; i < 5; i++) assertThat(lookup(citizen("49.36.120.17", "912345678" + i)).status()).isEqualTo(404);
            HttpResult refused = lookup(citizen("49.36.120.17", "9123456785"));
            refused.assertProblem(429);
            assertThat(refused.body().path("detail").asText()).contains("address");
            assertThat(refused.header("retry-after")).isEqualTo("60");
            assertThat(counters.total("mobile#")).as("the refused request's mobile was not counted").isEqualTo(5);
            assertThat(lookup(citizen("49.36.120.99", "98765 43210")).status()).as("another address").isEqualTo(200);
        }

        @Test
        void aMissingOrInvalidMobileStillCountsAgainstTheAddress() {
            Lambda.http(limited(counters), withSourceIp(withQuery(Fixtures.event("complaint-get-citizen.json"), Map.of()), "10.1.1.1"))
                    .assertProblem(400, "mobile");
            lookup(citizen("10.1.1.1", "079-23234")).assertProblem(400, "mobile");
            assertThat(counters.total("ip#10.1.1.1")).isEqualTo(2);
            assertThat(counters.total("mobile#")).isZero();
        }

        @Test
        void staffAreNeverCounted() {
            for (int i = 0; i < 20; i++) {
                assertThat(lookup(Fixtures.event("complaint-get-staff.json")).status()).isEqualTo(200);
            }
            assertThat(counters.counts).isEmpty();
        }

        @Test
        void aFailingLimiterLetsTheLookupThroughAndCountsTheFailure() {
            RateLimiter down = mock(RateLimiter.class);
            when(down.hit(any(), any(), any())).thenThrow(new IllegalStateException("DynamoDB unavailable"));
            HttpResult r = Lambda.http(limited(down), Fixtures.event("complaint-get-citizen.json"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(metrics).containsExactly("RateLimiterUnavailable", "RateLimiterUnavailable");
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
