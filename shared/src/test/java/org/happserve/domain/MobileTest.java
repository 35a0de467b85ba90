package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MobileTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "9876543210", "+919876543210", "919876543210", "09876543210",
            "+91 98765 43210", "+91-98765-43210", "098765-43210", " 98765 43210 ", "(+91) 98765.43210"})
    void acceptsTenDigitsWithTheUsualPrefixesAndSeparators(String raw) {
        assertThat(Mobile.normalize(raw)).contains("+919876543210");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"6000000000, +916000000000", "7012345678, +917012345678", "8123456789, +918123456789"})
    void acceptsEveryMobileSeries(String raw, String e164) {
        assertThat(Mobile.normalize(raw)).contains(e164);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {
            "", "   ",
            "022 2654 1234",          // Mumbai landline
            "011-2338 6000",          // Delhi landline
            "2226541234",             // landline without the trunk 0
            "5876543210",             // starts with 5
            "0876543210",             // starts with 0 after no prefix
            "987654321",              // 9 digits
            "98765432101",            // 11 digits, no trunk 0
            "+9198765432101",         // +91 and 11 digits
            "+44 7911 123456",        // another country
            "+1 9876543210",
            "98765abcde", "nine876543210", "９８７６５４３２１０", // letters, full-width digits
            "+91 98765 43210 ext 1",
            "+91 - 98765 - 43210 -" // valid once separators go, but longer than 20 characters
    })
    void rejectsWhatIsNotAnIndianMobile(String raw) {
        assertThat(Mobile.normalize(raw)).isEmpty();
    }

    @Test
    void masksAllButCountryCodeAndLastFourDigits() {
        assertThat(Mobile.mask("+919876543210")).isEqualTo("+91******3210");
        assertThat(Mobile.mask(null)).isNull();
        assertThat(Mobile.mask("+9112")).isEqualTo("*****");
    }
}
