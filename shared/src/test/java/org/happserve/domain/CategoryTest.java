package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTest {
    private static final Category STREET_LIGHT =
            new Category("STREET_LIGHT", "Street light not working", "સ્ટ્રીટ લાઇટ બંધ છે", "ELEC", 48, null);
    private static final Category DEAD_ANIMAL =
            new Category("DEAD_ANIMAL", "Dead animal removal", null, "SWM", 12, List.of(12, 8, 6));

    @Test
    void oneSlaForEveryLevelWhenNoneIsGivenPerLevel() {
        assertThat(STREET_LIGHT.slaAt(0, 1)).isEqualTo(Duration.ofHours(48));
        assertThat(STREET_LIGHT.slaAt(3, 1)).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void perLevelSlaAppliesAtEachLevelAndTheLastOneAbove() {
        assertThat(DEAD_ANIMAL.slaAt(0, 1)).isEqualTo(Duration.ofHours(12));
        assertThat(DEAD_ANIMAL.slaAt(1, 1)).isEqualTo(Duration.ofHours(8));
        assertThat(DEAD_ANIMAL.slaAt(2, 1)).isEqualTo(Duration.ofHours(6));
        assertThat(DEAD_ANIMAL.slaAt(5, 1)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void anEmptyPerLevelListFallsBackToSlaHours() {
        Category c = new Category("X", "X", null, "ENG", 72, List.of());
        assertThat(c.slaAt(1, 1)).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void theTimeScaleDividesTheSla() {
        assertThat(STREET_LIGHT.slaAt(0, 3600)).isEqualTo(Duration.ofSeconds(48));
        assertThat(DEAD_ANIMAL.slaAt(1, 60)).isEqualTo(Duration.ofMinutes(8));
        assertThat(STREET_LIGHT.slaAt(0, 0.5)).isEqualTo(Duration.ofHours(96));
    }

    @Test
    void aHugeTimeScaleStillLeavesAPositiveSla() {
        assertThat(STREET_LIGHT.slaAt(0, 1e12)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void gujaratiNameWhereThereIsOne() {
        assertThat(STREET_LIGHT.name(Language.GU)).isEqualTo("સ્ટ્રીટ લાઇટ બંધ છે");
        assertThat(STREET_LIGHT.name(Language.EN)).isEqualTo("Street light not working");
        assertThat(DEAD_ANIMAL.name(Language.GU)).isEqualTo("Dead animal removal");
    }
}
