package org.happserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.happserve.domain.Directory;
import org.happserve.domain.InvalidDirectoryException;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DirectoryJsonTest {

    @Test
    void theWrittenFormParsesBackToTheSameDirectory() {
        Directory sample = Fixtures.sampleDirectory();
        Directory again = DirectoryJson.parse(DirectoryJson.write(sample));
        assertThat(again.municipality()).isEqualTo(sample.municipality());
        assertThat(again.levels()).isEqualTo(sample.levels());
        assertThat(again.wards()).isEqualTo(sample.wards());
        assertThat(again.departments()).isEqualTo(sample.departments());
        assertThat(again.categories()).isEqualTo(sample.categories());
        assertThat(again.officers()).isEqualTo(sample.officers());
    }

    @Test
    void aDocumentThatIsNotJsonIsNamedWithItsLine() {
        InvalidDirectoryException e = catchThrowableOfType(InvalidDirectoryException.class,
                () -> DirectoryJson.parse("{\n  \"wards\": [\n    {\"code\": \"W01\",}\n  ]\n}"));
        assertThat(e.problems()).singleElement().asString().startsWith("not a valid directory document").contains("at line 3");
    }

    @Test
    void unknownFieldsAreRefusedSoTyposDoNotPassSilently() {
        String typo = Fixtures.sampleDirectoryJson().replace("\"slaHours\": 48", "\"slaHour\": 48");
        assertThat(catchThrowableOfType(InvalidDirectoryException.class, () -> DirectoryJson.parse(typo)).problems())
                .singleElement().asString().contains("slaHour");
    }

    @Test
    void aSampleWithAGapIsRejectedNamingIt() {
        String gap = Fixtures.sampleDirectoryJson().replace("\"wards\": [\"W07\", \"W08\"]}", "\"wards\": [\"W07\"]}");
        assertThat(catchThrowableOfType(InvalidDirectoryException.class, () -> DirectoryJson.parse(gap)).problems())
                .contains("no officer for (ward W08, department ENG, level 0)",
                        "no officer for (ward W08, department ELEC, level 0)");
    }

    @Test
    void missingListsAreReportedNotThrownAsNullPointers() {
        InvalidDirectoryException e = catchThrowableOfType(InvalidDirectoryException.class,
                () -> DirectoryJson.parse("{\"municipality\": {\"prefix\": \"GMC\"}}"));
        assertThat(e.problems()).contains("levels must list at least one level", "wards must list at least one ward");
    }
}
