package org.happserve.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.happserve.testing.Events.anonymous;
import static org.happserve.testing.Events.editBody;
import static org.happserve.testing.Events.withBody;
import static org.happserve.testing.Events.withGroups;
import static org.happserve.testing.Events.withHeader;
import static org.happserve.testing.Events.withoutClaim;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Notification;
import org.happserve.domain.TimelineEntry;
import org.happserve.http.Callers;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.IdempotencyRecord;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.happserve.testing.MockedPorts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RegisterComplaintHandlerTest {
    private final MockedPorts ports = new MockedPorts().sequenceFrom(451);
    private final ComplaintStore store = ports.store;
    private final RegisterComplaintHandler handler = new RegisterComplaintHandler(ports.register(), new Callers(null));

    private HttpResult post(ObjectNode event) {
        return Lambda.http(handler, event);
    }

    @SuppressWarnings("unchecked")
    private List<NewComplaint> written() {
        ArgumentCaptor<List<NewComplaint>> captor = ArgumentCaptor.forClass(List.class);
        verify(store).create(captor.capture(), any());
        return captor.getValue();
    }

    /** The idempotency record written with the complaints. */
    private IdempotencyRecord kept() {
        ArgumentCaptor<IdempotencyRecord> captor = ArgumentCaptor.forClass(IdempotencyRecord.class);
        verify(store).create(any(), captor.capture());
        return captor.getValue();
    }

    /** The store now answers the first request's record for its key, as after a real write. */
    private IdempotencyRecord rememberKey() {
        IdempotencyRecord kept = kept();
        when(store.idempotency(kept.key())).thenReturn(Optional.of(kept));
        return kept;
    }

    private List<Notification> sent() {
        ArgumentCaptor<Notification> captor = ArgumentCaptor.forClass(Notification.class);
        verify(ports.notifier, atLeastOnce()).send(captor.capture(), any());
        return captor.getAllValues();
    }

    private void assertNothingWritten() {
        verify(store, never()).reserveSequence(any(), anyInt());
        verify(store, never()).create(any(), any());
        verifyNoInteractions(ports.notifier);
    }

    @Nested
    class Citizen {
        private static final String EVENT = "complaint-register.json";

        @Test
        void aCitizenRegistersAComplaintAndGetsItsNumber() {
            HttpResult r = post(Fixtures.event(EVENT));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(r.header("location")).isEqualTo("/v1/complaints/GMC-2612-000451");
            JsonNode c = r.body();
            assertThat(c.path("number").asText()).isEqualTo("GMC-2612-000451");
            assertThat(c.path("status").asText()).isEqualTo("OPEN");
            assertThat(c.path("escalationLevel").asInt()).isZero();
            assertThat(c.path("reopenCount").asInt()).isZero();
            assertThat(c.path("ward").asText()).isEqualTo("W01");
            assertThat(c.path("category").asText()).isEqualTo("STREET_LIGHT");
            assertThat(c.path("channel").asText()).isEqualTo("WEB");
            assertThat(c.path("location").path("lat").asDouble()).isEqualTo(23.2301);
            assertThat(c.path("assignee").path("designation").asText()).isEqualTo("Assistant Engineer (Electrical)");
        }

        @Test
        void itIsDueOneSlaAfterRegistration() {
            JsonNode c = post(Fixtures.event(EVENT)).body();
            Instant registeredAt = Instant.parse(c.path("registeredAt").asText());
            assertThat(registeredAt).isEqualTo(Fixtures.NOW);
            assertThat(Instant.parse(c.path("dueAt").asText())).isEqualTo(registeredAt.plus(Duration.ofHours(48)));
            assertThat(c.path("registeredAt").asText()).isEqualTo("2026-12-03T04:30:00.000Z");
        }

        @Test
        void thePublicAnswerMasksContactsAndNamesNoOfficer() {
            JsonNode c = post(Fixtures.event(EVENT)).body();
            assertThat(c.path("citizen").path("mobile").asText()).isEqualTo("+91******3210");
            assertThat(c.path("citizen").path("email").asText()).isEqualTo("a****@example.in");
            assertThat(c.path("assignee").has("officerId")).isFalse();
            assertThat(c.path("assignee").has("name")).isFalse();
            assertThat(c.toString()).doesNotContain("9876543210", "asha.patel@", "Bhavesh");
        }

        @Test
        void theComplaintIsStoredUnderTheIdempotencyKeyAndTheOfficerAndCitizenAreMessaged() {
            post(Fixtures.event(EVENT));
            verify(store).idempotency("web-6b1f0c7e-2d4a-4c1b-9a55-3e8f2a7d9c10");
            assertThat(kept().numbers()).containsExactly("GMC-2612-000451");
            assertThat(written().get(0).complaint().citizen().mobile()).isEqualTo("+919876543210");
            assertThat(sent()).extracting(Notification::to)
                    .containsExactly("+919000010005", "+919876543210", "asha.patel@example.in");
        }

        @Test
        void aRetryOfTheSameRequestAnswersTheSameComplaint() {
            HttpResult first = post(Fixtures.event(EVENT));
            var stored = List.of(written().get(0).complaint());
            when(store.findAll(rememberKey().numbers())).thenReturn(stored);

            HttpResult retry = post(Fixtures.event(EVENT));
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            verify(store).create(any(), any()); // still once
        }

        @Test
        void theSameKeyForAnotherComplaintIs422() {
            post(Fixtures.event(EVENT));
            rememberKey();

            post(editBody(Fixtures.event(EVENT), b -> b.put("ward", "W02"))).assertProblem(422, "Idempotency-Key");
        }

        @Test
        void invalidInputIsRefusedNamingEveryFieldAndNothingIsWritten() {
            HttpResult r = post(Fixtures.event("complaint-register-invalid.json"));
            r.assertProblem(400, "citizen.name", "citizen.mobile", "ward", "description", "location.lat");
            assertThat(r.body().path("errors").toString()).contains("unknown ward 'W99'");
            verifyNoInteractions(store, ports.notifier);
        }

        @Test
        void fieldsOfTheWrongTypeAreNamed() {
            ObjectNode event = editBody(Fixtures.event(EVENT), b -> {
                b.put("ward", 1);
                ((ObjectNode) b.get("citizen")).put("mobile", 9876543210L);
                ((ObjectNode) b.get("location")).put("lat", "23.23");
            });
            post(event).assertProblem(400, "ward", "citizen.mobile", "location.lat", "location");
            assertNothingWritten();
        }

        @Test
        void aBodyThatIsNotJsonIs415Or400() {
            post(withHeader(Fixtures.event(EVENT), "content-type", "application/x-www-form-urlencoded"))
                    .assertProblem(415, "content-type");
            post(withBody(Fixtures.event(EVENT), "{\"citizen\":")).assertProblem(400, "body");
            assertNothingWritten();
        }

        @Test
        void aMalformedIdempotencyKeyIsRefused() {
            post(withHeader(Fixtures.event(EVENT), "idempotency-key", "has spaces and ; semicolons"))
                    .assertProblem(400, "Idempotency-Key");
            assertNothingWritten();
        }
    }

    @Nested
    class Intake {
        private static final String EVENT = "intake-operator.json";

        @Test
        void anOperatorRecordsTwoComplaintsForOneCaller() {
            HttpResult r = post(Fixtures.event(EVENT));
            assertThat(r.status()).isEqualTo(201);
            JsonNode complaints = r.body().path("complaints");
            assertThat(complaints).hasSize(2);
            assertThat(complaints.get(0).path("number").asText()).isEqualTo("GMC-2612-000451");
            assertThat(complaints.get(1).path("number").asText()).isEqualTo("GMC-2612-000452");
            for (JsonNode c : complaints) {
                assertThat(c.path("status").asText()).isEqualTo("OPEN");
                assertThat(c.path("escalationLevel").asInt()).isZero();
                assertThat(c.path("channel").asText()).isEqualTo("CALL_CENTRE");
                assertThat(c.path("citizen").path("mobile").asText()).as("staff see the number").isEqualTo("+919825012345");
                assertThat(c.path("citizen").path("language").asText()).isEqualTo("gu");
            }
            assertThat(complaints.get(0).path("assignee").path("officerId").asText()).isEqualTo("si-swm-w03");
            assertThat(complaints.get(1).path("assignee").path("officerId").asText()).isEqualTo("hi-health-w01");
            assertThat(Instant.parse(complaints.get(0).path("dueAt").asText())).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(24)));
        }

        @Test
        void theOperatorIsOnTheTimelineAndTheCitizenIsMessagedInGujarati() {
            post(Fixtures.event(EVENT));
            assertThat(written()).allSatisfy(c -> {
                assertThat(c.complaint().registeredBy()).isEqualTo("operator:operator1");
                assertThat(c.timeline().get(0).type()).isEqualTo(TimelineEntry.REGISTERED);
                assertThat(c.timeline().get(0).actor()).isEqualTo("operator:operator1");
            });
            assertThat(sent()).filteredOn(n -> n.recipientRole() == Notification.Recipient.CITIZEN)
                    .hasSize(2).allSatisfy(n -> assertThat(n.body()).contains("ફરિયાદ"));
            verify(store).idempotency("cc-20261203-0931-operator1-0007");
        }

        @Test
        void anAdministratorMayRecordAnIntakeToo() {
            assertThat(post(withGroups(Fixtures.event(EVENT), "[admin]")).status()).isEqualTo(201);
        }

        @Test
        void withoutSignInIs401() {
            post(anonymous(Fixtures.event(EVENT))).assertProblem(401);
            assertNothingWritten();
        }

        @Test
        void anOfficerIsNotAnOperator() {
            post(withGroups(Fixtures.event(EVENT), "[officer]")).assertProblem(403);
            assertNothingWritten();
        }

        @Test
        void aUserInNoGroupIs403() {
            post(withoutClaim(Fixtures.event(EVENT), "cognito:groups")).assertProblem(403);
            assertNothingWritten();
        }

        @Test
        void oneBadComplaintRefusesTheWholeIntake() {
            ObjectNode event = editBody(Fixtures.event(EVENT),
                    b -> ((ObjectNode) b.get("complaints").get(1)).put("ward", "W42"));
            post(event).assertProblem(400, "complaints[1].ward");
            assertNothingWritten();
        }

        @Test
        void theChannelMustBeAnAssistedOne() {
            post(editBody(Fixtures.event(EVENT), b -> b.put("channel", "WEB"))).assertProblem(400, "channel");
            post(editBody(Fixtures.event(EVENT), b -> b.put("channel", "call_centre"))).assertProblem(400, "channel");
            post(editBody(Fixtures.event(EVENT), b -> b.put("channel", 1))).assertProblem(400, "channel");
            assertNothingWritten();
        }

        @Test
        void aMissingChannelIsReportedAlongsideOtherTypeErrors() {
            post(editBody(Fixtures.event(EVENT), b -> {
                b.remove("channel");
                ((ObjectNode) b.get("citizen")).put("name", 42);
            })).assertProblem(400, "citizen.name", "channel");
        }

        @Test
        void complaintsMustBeAListOfObjects() {
            post(editBody(Fixtures.event(EVENT), b -> b.remove("complaints"))).assertProblem(400, "complaints");
            post(editBody(Fixtures.event(EVENT), b -> b.put("complaints", "pothole"))).assertProblem(400, "complaints");
            post(editBody(Fixtures.event(EVENT), b -> b.putArray("complaints").add("pothole")))
                    .assertProblem(400, "complaints[0]");
            post(editBody(Fixtures.event(EVENT), b -> b.putArray("complaints"))).assertProblem(400, "complaints");
            assertNothingWritten();
        }
    }

    @Test
    void anotherRouteIsNotFound() {
        post(Fixtures.event("complaint-register.json").put("routeKey", "PUT /v1/complaints")).assertProblem(404);
        verifyNoInteractions(store);
    }
}
