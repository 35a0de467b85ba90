package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @ParameterizedTest
    @ValueSource(strings = {"asha.patel@example.in", "a@b.co", "first.last+tag@mail.gandhinagar.gov.in",
            "o'brien@example.org", "x_y-z@sub-domain.example.com"})
    void acceptsOrdinaryAddresses(String address) {
        assertThat(Email.valid(address)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"asha", "asha@", "@example.in", "asha@example", "asha@@example.in", "asha patel@example.in",
            "asha@-example.in", "asha@example-.in", "asha@exa_mple.in", "asha@example.in\n"})
    void rejectsMalformedAddresses(String address) {
        assertThat(Email.valid(address)).isFalse();
    }

    @Test
    void enforcesTheRfc5321Lengths() {
        assertThat(Email.valid("a".repeat(64) + "@example.in")).isTrue();
        assertThat(Email.valid("a".repeat(65) + "@example.in")).isFalse();
        String domain = ("d".repeat(60) + ".").repeat(4) + "in"; // 246 characters
        assertThat(Email.valid("abcdefg@" + domain)).as("254 characters").isTrue();
        assertThat(Email.valid("abcdefgh@" + domain)).as("255 characters").isFalse();
    }

    @Test
    void masksTheLocalPartButTheFirstCharacter() {
        assertThat(Email.mask("asha.patel@example.in")).isEqualTo("a****@example.in");
        assertThat(Email.mask("no-at-sign")).isEqualTo("****");
        assertThat(Email.mask(null)).isNull();
    }
}
