package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.happserve.domain.Notification.Medium;
import org.happserve.domain.Notification.Recipient;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationTest {
    private static final Directory GMC = Fixtures.sampleDirectory();
    private static final String PATH = "complaints[0]";
    private final List<FieldError> errors = new ArrayList<>();

    private List<String> fields() {
        return errors.stream().map(FieldError::field).toList();
    }

    private String messageFor(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElseThrow();
    }

    @Nested
    class Citizens {
        private Citizen validate(String name, String mobile, String email, String language) {
            return Registration.citizen(new CitizenInput(name, mobile, email, language), GMC, "citizen", errors);
        }

        @Test
        void aValidCitizenIsNormalized() {
            Citizen c = validate("  Asha Patel ", "098765 43210", " asha.patel@example.in ", "gu");
            assertThat(errors).isEmpty();
            assertThat(c).isEqualTo(new Citizen("Asha Patel", "+919876543210", "asha.patel@example.in", Language.GU));
        }

        @Test
        void languageDefaultsToTheMunicipalitysAndEmailIsOptional() {
            Citizen c = validate("Asha", "9876543210", " ", null);
            assertThat(errors).isEmpty();
            assertThat(c.language()).isEqualTo(Language.EN);
            assertThat(c.email()).isNull();
        }

        @Test
        void eachBadFieldIsNamed() {
            validate(" ", "022 2654 1234", "asha@", "fr");
            assertThat(fields()).containsExactly("citizen.name", "citizen.mobile", "citizen.email", "citizen.language");
            assertThat(messageFor("citizen.name")).isEqualTo("is required");
            assertThat(messageFor("citizen.mobile")).contains("10 digits starting with 6-9");
        }

        @Test
        void aMissingMobileIsRequiredNotMalformed() {
            validate("Asha", null, null, null);
            assertThat(errors).containsExactly(new FieldError("citizen.mobile", "is required"));
        }

        @Test
        void aNameIsOneLineOfBoundedLength() {
            validate("Asha\nPatel", "9876543210", null, null);
            validate("a".repeat(Registration.NAME_MAX + 1), "9876543210", null, null);
            assertThat(errors).containsExactly(
                    new FieldError("citizen.name", "must not contain control characters"),
                    new FieldError("citizen.name", "must be at most 100 characters"));
        }

        @Test
        void noCitizenAtAll() {
            assertThat(Registration.citizen(null, GMC, "citizen", errors)).isNull();
            assertThat(errors).containsExactly(new FieldError("citizen", "is required"));
        }
    }

    @Nested
    class Complaints {
        private ComplaintDraft validate(String ward, String category, String description) {
            return validate(new ComplaintInput(ward, category, description, null, null, null));
        }

        private ComplaintDraft validate(ComplaintInput in) {
            return Registration.complaint(in, GMC, PATH, errors);
        }

        private ComplaintDraft at(Double lat, Double lng) {
            return validate(new ComplaintInput("W01", "STREET_LIGHT", "Light off", null, lat, lng));
        }

        @Test
        void aValidComplaintIsStripped() {
            ComplaintDraft d = validate(new ComplaintInput(" W01 ", "STREET_LIGHT", " Light off\nsince Monday ",
                    " Sector 3 ", 23.23, 72.65));
            assertThat(errors).isEmpty();
            assertThat(d).isEqualTo(new ComplaintDraft("W01", "STREET_LIGHT", "Light off\nsince Monday", "Sector 3",
                    new Location(23.23, 72.65)));
        }

        @Test
        void blankFieldsAreRequired() {
            validate(" ", null, "\t");
            assertThat(errors).containsExactly(new FieldError("complaints[0].ward", "is required"),
                    new FieldError("complaints[0].category", "is required"),
                    new FieldError("complaints[0].description", "is required"));
        }

        @Test
        void unknownWardAndCategoryPointToTheCatalog() {
            validate("W99", "BROKEN_BENCH", "Bench broken");
            assertThat(fields()).containsExactly("complaints[0].ward", "complaints[0].category");
            assertThat(messageFor("complaints[0].ward")).isEqualTo("unknown ward 'W99'; see GET /v1/catalog");
            assertThat(messageFor("complaints[0].category")).contains("'BROKEN_BENCH'", "GET /v1/catalog");
        }

        @Test
        void codesAreCaseSensitive() {
            validate("w01", "street_light", "Light off");
            assertThat(fields()).containsExactly("complaints[0].ward", "complaints[0].category");
        }

        @Test
        void codesAreBoundedBeforeTheyAreLookedUp() {
            validate("W".repeat(21), "C".repeat(41), "Light off");
            assertThat(errors).containsExactly(new FieldError("complaints[0].ward", "must be at most 20 characters"),
                    new FieldError("complaints[0].category", "must be at most 40 characters"));
        }

        @Test
        void theDescriptionMayBeExactlyTheLimit() {
            ComplaintDraft d = validate("W01", "STREET_LIGHT", "x".repeat(Registration.DESCRIPTION_MAX));
            assertThat(errors).isEmpty();
            assertThat(d.description()).hasSize(2000);
        }

        @Test
        void oneCharacterOverTheLimitIsRefused() {
            validate("W01", "STREET_LIGHT", "x".repeat(Registration.DESCRIPTION_MAX + 1));
            assertThat(errors).containsExactly(new FieldError("complaints[0].description", "must be at most 2000 characters"));
        }

        @Test
        void theLimitCountsCharactersNotUtf16Units() {
            String gujaratiAndEmoji = "\uD83D\uDCA1".repeat(1000) + "લ".repeat(1000); // 💡 is two UTF-16 units
            validate("W01", "STREET_LIGHT", gujaratiAndEmoji);
            assertThat(errors).isEmpty();
        }

        @Test
        void controlCharactersAreRefusedButLineBreaksAreNotInTheDescription() {
            validate(new ComplaintInput("W01", "STREET_LIGHT", "Light off\u0007", "Sector\r\n3", null, null));
            assertThat(errors).containsExactly(
                    new FieldError("complaints[0].description", "must not contain control characters"),
                    new FieldError("complaints[0].address", "must not contain control characters"));
            errors.clear();
            validate("W01", "STREET_LIGHT", "Line one\r\nLine two\tend");
            assertThat(errors).isEmpty();
        }

        @Test
        void anOverlongAddressIsRefused() {
            validate(new ComplaintInput("W01", "STREET_LIGHT", "Light off", "a".repeat(301), null, null));
            assertThat(errors).containsExactly(new FieldError("complaints[0].address", "must be at most 300 characters"));
        }

        @ParameterizedTest(name = "lat {0}, lng {1} -> {2}")
        @CsvSource({
                "23.23,       , complaints[0].location",
                "     , 72.65 , complaints[0].location",
                "90.01, 72.65 , complaints[0].location.lat",
                "-90.01, 72.65, complaints[0].location.lat",
                "NaN  , 72.65 , complaints[0].location.lat",
                "23.23, 180.01, complaints[0].location.lng",
                "23.23, -180.01, complaints[0].location.lng",
                "23.23, Infinity, complaints[0].location.lng"})
        void locationsOutOfRangeAreNamed(Double lat, Double lng, String field) {
            assertThat(at(lat, lng).location()).isNull();
            assertThat(fields()).containsExactly(field);
        }

        @Test
        void theEdgesOfTheGlobeAreValid() {
            assertThat(at(-90.0, 180.0).location()).isEqualTo(new Location(-90, 180));
            assertThat(at(90.0, -180.0).location()).isEqualTo(new Location(90, -180));
            assertThat(errors).isEmpty();
        }
    }

    @Nested
    class Opening {
        private NewComplaint open(String ward, String category, Citizen citizen, double timeScale) {
            return Registration.open(GMC, Samples.MESSAGES, "GMC-2612-000451", citizen,
                    new ComplaintDraft(ward, category, "Details", "Plot 312, Sector 3", null), Channel.WEB, "citizen",
                    Fixtures.NOW, timeScale);
        }

        private NewComplaint open(String ward, String category) {
            return open(ward, category, Samples.citizen(), 1);
        }

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "W01, STREET_LIGHT,          ae-elec-w01",
                "W04, STREET_LIGHT,          ae-elec-w03",
                "W06, GARBAGE_NOT_COLLECTED, si-swm-w05",
                "W03, STRAY_DOGS,            hi-health-w01",
                "W08, TREE_FALLEN,           gs-garden-w01",
                "W07, POTHOLE,               ae-eng-w07",
                "W02, NO_WATER_SUPPLY,       ae-water-w01"})
        void routesToTheAreaOfficerOfTheWardAndTheCategorysDepartment(String ward, String category, String officer) {
            Complaint c = open(ward, category).complaint();
            assertThat(c.assignee().officerId()).isEqualTo(officer);
            assertThat(c.assignee().level()).isZero();
            assertThat(c.department()).isEqualTo(GMC.category(category).orElseThrow().department());
        }

        @Test
        void everyWardAndCategoryOfTheSampleRoutesToALevelZeroOfficerCoveringIt() {
            for (Ward w : GMC.wards()) {
                for (Category cat : GMC.categories()) {
                    Assignee a = open(w.code(), cat.code()).complaint().assignee();
                    assertThat(GMC.officer(a.officerId()).orElseThrow().covers(w.code(), cat.department(), 0))
                            .as("%s/%s", w.code(), cat.code()).isTrue();
                }
            }
        }

        @Test
        void theNewComplaintIsOpenAtLevelZeroAndDueAfterTheSla() {
            Complaint c = open("W01", "STREET_LIGHT").complaint();
            assertThat(c.status()).isEqualTo(Status.OPEN);
            assertThat(c.escalationLevel()).isZero();
            assertThat(c.reopenCount()).isZero();
            assertThat(c.registeredAt()).isEqualTo(Fixtures.NOW);
            assertThat(c.dueAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(48)));
            assertThat(c.closedAt()).isNull();
            assertThat(c.registeredBy()).isEqualTo("citizen");
            assertThat(c.version()).isEqualTo(1);
        }

        @Test
        void theLevelZeroSlaAppliesWhereItDiffersPerLevel() {
            assertThat(open("W01", "DEAD_ANIMAL").complaint().dueAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(12)));
        }

        @Test
        void theTimeScaleShortensTheSla() {
            Complaint c = open("W01", "STREET_LIGHT", Samples.citizen(), 3600).complaint();
            assertThat(c.dueAt()).isEqualTo(Fixtures.NOW.plusSeconds(48));
        }

        @Test
        void theTimelineRecordsRegistrationAndAssignment() {
            assertThat(open("W01", "STREET_LIGHT").timeline())
                    .extracting(TimelineEntry::at, TimelineEntry::type, TimelineEntry::actor, TimelineEntry::internal)
                    .containsExactly(tuple(Fixtures.NOW, TimelineEntry.REGISTERED, "citizen", false),
                            tuple(Fixtures.NOW, TimelineEntry.ASSIGNED, "system", false));
            assertThat(open("W01", "STREET_LIGHT").timeline().get(1).text())
                    .isEqualTo("Assigned to Assistant Engineer (Electrical) (level 0), due 2026-12-05T04:30:00.000Z");
        }

        @Test
        void theOfficerAndTheCitizenAreOwedAnSmsAndTheCitizenAnEmail() {
            List<Notification> notes = open("W01", "STREET_LIGHT").notifications();
            assertThat(notes).extracting(Notification::medium, Notification::recipientRole, Notification::to,
                            Notification::template)
                    .containsExactly(tuple(Medium.SMS, Recipient.OFFICER, "+919000010005", "OFFICER_ASSIGNED"),
                            tuple(Medium.SMS, Recipient.CITIZEN, Samples.MOBILE, "CITIZEN_REGISTERED"),
                            tuple(Medium.EMAIL, Recipient.CITIZEN, Samples.EMAIL, "CITIZEN_REGISTERED"));
            assertThat(notes).allSatisfy(n -> {
                assertThat(n.state()).isEqualTo(Notification.State.PENDING);
                assertThat(n.attempts()).isZero();
                assertThat(n.number()).isEqualTo("GMC-2612-000451");
                assertThat(n.nextAttemptAt()).as("held for the first attempt").isEqualTo(Fixtures.NOW.plus(Notification.LEASE));
            });
            assertThat(notes).extracting(Notification::id).doesNotHaveDuplicates();
        }

        @Test
        void theMessagesCarryTheNumberTheOfficerAndTheLocalDueTime() {
            List<Notification> notes = open("W01", "STREET_LIGHT").notifications();
            assertThat(notes.get(0).body()).isEqualTo("GMC: New complaint GMC-2612-000451 assigned to you: "
                    + "Street light not working, Ward 1 - Sector 1-7. Plot 312, Sector 3. Resolve by 05-Dec-2026 10:00. -GMCGRV");
            assertThat(notes.get(1).body()).contains("GMC-2612-000451", "Assistant Engineer (Electrical)",
                    "05-Dec-2026 10:00", "1800-233-2610");
            assertThat(notes.get(2).subject()).isEqualTo("Complaint GMC-2612-000451 registered");
            assertThat(notes.get(2).body()).startsWith("Dear Asha Patel,");
        }

        @Test
        void noEmailWithoutAnAddress() {
            Citizen noEmail = new Citizen("Asha Patel", Samples.MOBILE, null, Language.EN);
            assertThat(open("W01", "STREET_LIGHT", noEmail, 1).notifications())
                    .extracting(Notification::medium).containsExactly(Medium.SMS, Medium.SMS);
        }

        @Test
        void aGujaratiSpeakerIsWrittenToInGujarati() {
            Citizen gu = new Citizen("આશા પટેલ", Samples.MOBILE, Samples.EMAIL, Language.GU);
            List<Notification> notes = open("W01", "STREET_LIGHT", gu, 1).notifications();
            assertThat(notes.get(0).language()).as("officers get the municipality's language").isEqualTo(Language.EN);
            assertThat(notes.get(0).body()).startsWith("GMC: New complaint");
            for (Notification citizenNote : notes.subList(1, 3)) {
                assertThat(citizenNote.language()).isEqualTo(Language.GU);
                assertThat(citizenNote.body()).contains("ફરિયાદ", "સ્ટ્રીટ લાઇટ બંધ છે", "વોર્ડ ૧ - સેક્ટર ૧-૭");
            }
            assertThat(notes.get(2).subject()).isEqualTo("ફરિયાદ GMC-2612-000451 નોંધાઈ");
        }
    }
}
