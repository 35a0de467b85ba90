package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AckNumberTest {

    @Test
    void formatsPrefixTwoDigitYearMonthAndSixDigitSequence() {
        assertThat(AckNumber.format("GMC", YearMonth.of(2026, 12), 451)).isEqualTo("GMC-2612-000451");
        assertThat(AckNumber.format("AMC", YearMonth.of(2030, 1), 1)).isEqualTo("AMC-3001-000001");
    }

    @Test
    void aBusyMonthOutgrowsSixDigitsWithoutLosingNumbers() {
        String number = AckNumber.format("GMC", YearMonth.of(2026, 12), 1_234_567);
        assertThat(number).isEqualTo("GMC-2612-1234567");
        assertThat(AckNumber.wellFormed(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GMC-2612-000451", "AB-0101-000000", "SURATM-2612-123456789"})
    void wellFormedNumbers(String number) {
        assertThat(AckNumber.wellFormed(number)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"gmc-2612-000451", "GMC-2612-00451", "GMC-26120-000451", "GMC2612000451", "G-2612-000451",
            "GMCABCD-2612-000451", "GMC-2612-0004510000", "GMC-2612-000451 ", "GMC-2612-000451' OR '1'='1"})
    void malformedNumbersAreRejectedBeforeAnyLookup(String number) {
        assertThat(AckNumber.wellFormed(number)).isFalse();
    }
}
