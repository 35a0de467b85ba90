package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DirectoryTest {
    private static final Municipality TST = new Municipality("tst", "TST", "Test Municipality", null, "en",
            List.of("en"), "1800-000-0000", "Asia/Kolkata", null, List.of());
    private static final List<Level> LEVELS = List.of(new Level(0, "Area officer"), new Level(1, "Deputy Commissioner"));
    private static final List<Ward> WARDS = List.of(new Ward("W01", "Ward 1", null), new Ward("W02", "Ward 2", null));
    private static final List<Department> DEPARTMENTS =
            List.of(new Department("ENG", "Engineering", null), new Department("ELEC", "Electrical", null));
    private static final List<Category> CATEGORIES = List.of(
            new Category("POTHOLE", "Pothole", null, "ENG", 72, null),
            new Category("STREET_LIGHT", "Street light", null, "ELEC", 48, null));

    private final List<Officer> officers = new ArrayList<>(List.of(
            officer("ae-eng", 0, "ENG", "W01", "W02"),
            officer("ae-elec-w01", 0, "ELEC", "W01"),
            officer("ae-elec-w02", 0, "ELEC", "W02"),
            officer("dmc", 1, Officer.ALL, Officer.ALL)));

    private static Officer officer(String id, int level, String department, String... wards) {
        return new Officer(id, "Name of " + id, "Designation of " + id, "+919000000001", id + "@example.in", level,
                department, List.of(wards));
    }

    private Directory build() {
        return Directory.of(TST, LEVELS, WARDS, DEPARTMENTS, CATEGORIES, officers);
    }

    private List<String> problems(Runnable build) {
        return catchThrowableOfType(InvalidDirectoryException.class, build::run).problems();
    }

    private void remove(String officerId) {
        officers.removeIf(o -> o.id().equals(officerId));
    }

    @Test
    void aCompleteDirectoryRoutesEveryWardAndDepartmentAtEveryLevel() {
        Directory d = build();
        assertThat(d.officerFor("W02", "ELEC", 0).id()).isEqualTo("ae-elec-w02");
        assertThat(d.officerFor("W02", "ENG", 0).id()).isEqualTo("ae-eng");
        assertThat(d.officerFor("W01", "ELEC", 1).id()).isEqualTo("dmc");
        assertThat(d.topLevel()).isEqualTo(1);
    }

    @Test
    void aMissingOfficerIsNamedByWardDepartmentAndLevel() {
        remove("ae-elec-w02");
        assertThat(problems(this::build)).containsExactly("no officer for (ward W02, department ELEC, level 0)");
    }

    @Test
    void everyGapIsNamedNotJustTheFirst() {
        remove("dmc");
        assertThat(problems(this::build)).containsExactlyInAnyOrder(
                "no officer for (ward W01, department ENG, level 1)",
                "no officer for (ward W01, department ELEC, level 1)",
                "no officer for (ward W02, department ENG, level 1)",
                "no officer for (ward W02, department ELEC, level 1)");
    }

    @Test
    void twoOfficersForTheSameJurisdictionAreNamed() {
        officers.add(officer("ae-elec-all", 0, "ELEC", Officer.ALL));
        assertThat(problems(this::build)).containsExactlyInAnyOrder(
                "several officers for (ward W01, department ELEC, level 0): ae-elec-w01, ae-elec-all",
                "several officers for (ward W02, department ELEC, level 0): ae-elec-w02, ae-elec-all");
    }

    @Test
    void unknownWardsAndDepartmentsAreNamed() {
        officers.add(officer("ae-eng-w09", 0, "ENG", "W09"));
        officers.add(officer("ae-parks", 0, "PARKS", "W01"));
        List<Category> categories = new ArrayList<>(CATEGORIES);
        categories.add(new Category("TREE_FALLEN", "Fallen tree", null, "GARDEN", 24, null));
        assertThat(problems(() -> Directory.of(TST, LEVELS, WARDS, DEPARTMENTS, categories, officers)))
                .containsExactlyInAnyOrder(
                        "category TREE_FALLEN names unknown department GARDEN",
                        "officer ae-eng-w09 names unknown ward W09",
                        "officer ae-parks names unknown department PARKS");
    }

    @Test
    void duplicateCodesAndBadSettingsAreNamed() {
        officers.add(officer("dmc", 1, Officer.ALL, Officer.ALL));
        officers.add(new Officer("ae-bad", "Bad", "Clerk", "022 2654 1234", null, 4, "ENG", List.of("W01")));
        List<Ward> wards = List.of(WARDS.get(0), WARDS.get(1), new Ward("W01", "Again", null));
        List<Category> categories = List.of(CATEGORIES.get(0), new Category("ZERO", "Zero", null, "ENG", 0, List.of(4, 0)));
        assertThat(problems(() -> Directory.of(TST, LEVELS, wards, DEPARTMENTS, categories, officers)))
                .contains("duplicate ward W01", "duplicate officer dmc",
                        "category ZERO needs a positive slaHours",
                        "category ZERO has a non-positive slaHoursByLevel entry",
                        "officer ae-bad has an invalid mobile", "officer ae-bad has unknown level 4");
    }

    @Test
    void levelsMustBeNumberedFromZeroWithoutGaps() {
        List<Level> levels = List.of(new Level(0, "Area officer"), new Level(2, "Deputy Commissioner"));
        assertThat(problems(() -> Directory.of(TST, levels, WARDS, DEPARTMENTS, CATEGORIES, officers)))
                .contains("levels must be numbered 0..1 without gaps");
    }

    @Test
    void theMunicipalityNeedsAShortCapitalPrefixAndTheListsMustNotBeEmpty() {
        Municipality lower = new Municipality("tst", "tst", "Test", null, "en", List.of("en"), null, null, null, List.of());
        assertThat(problems(() -> Directory.of(lower, List.of(), List.of(), DEPARTMENTS, CATEGORIES, officers)))
                .containsExactly("municipality.prefix must be 2 to 6 capital letters",
                        "levels must list at least one level", "wards must list at least one ward");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        remove("ae-eng");
        InvalidDirectoryException e = catchThrowableOfType(InvalidDirectoryException.class, this::build);
        assertThat(e).hasMessageContainingAll("(ward W01, department ENG, level 0)", "(ward W02, department ENG, level 0)");
    }

    @Test
    void theSampleMunicipalityLoadsAndResolvesEveryJurisdiction() {
        Directory d = Fixtures.sampleDirectory();
        assertThat(d.municipality().prefix()).isEqualTo("GMC");
        assertThat(d.wards()).hasSize(8);
        assertThat(d.departments()).hasSize(6);
        assertThat(d.categories()).extracting(Category::code).contains("STREET_LIGHT", "GARBAGE_NOT_COLLECTED");
        assertThat(d.topLevel()).isEqualTo(3);
        for (Ward w : d.wards()) {
            for (Department dept : d.departments()) {
                for (Level l : d.levels()) {
                    assertThat(d.officers()).as("%s/%s/%d", w.code(), dept.code(), l.level())
                            .filteredOn(o -> o.covers(w.code(), dept.code(), l.level())).hasSize(1);
                }
            }
        }
        assertThat(d.officerFor("W01", "ELEC", 0).id()).isEqualTo("ae-elec-w01");
        assertThat(d.officerFor("W05", "WATER", 3).designation()).isEqualTo("Deputy Commissioner");
    }
}
