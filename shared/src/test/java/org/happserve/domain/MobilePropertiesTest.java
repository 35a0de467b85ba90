package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** However a valid number is typed, it is stored the same way, and storing it again changes nothing. */
class MobilePropertiesTest {

    @Property
    void everyAcceptedWayOfTypingANumberNormalizesToTheSameE164(@ForAll("tenDigits") String digits,
                                                                 @ForAll("prefixes") String prefix,
                                                                 @ForAll("separators") String separator) {
        String typed = prefix + digits.substring(0, 5) + separator + digits.substring(5);
        assertThat(Mobile.normalize(typed)).contains("+91" + digits);
    }

    @Property
    void normalizeIsIdempotent(@ForAll("typedNumbers") String typed) {
        String once = Mobile.normalize(typed).orElseThrow();
        assertThat(Mobile.normalize(once)).contains(once);
    }

    @Property
    void theMaskKeepsOnlyTheCountryCodeAndTheLastFourDigits(@ForAll("tenDigits") String digits) {
        assertThat(Mobile.mask("+91" + digits)).isEqualTo("+91******" + digits.substring(6));
    }

    @Provide
    Arbitrary<String> tenDigits() {
        return Combinators.combine(Arbitraries.of('6', '7', '8', '9'),
                        Arbitraries.strings().numeric().ofLength(9))
                .as((first, rest) -> first + rest);
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "+91", "+91 ", "+91-", "91", "0", " ");
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("", " ", "-", " - ");
    }

    @Provide
    Arbitrary<String> typedNumbers() {
        return Combinators.combine(prefixes(), tenDigits(), separators())
                .as((prefix, digits, sep) -> prefix + digits.substring(0, 5) + sep + digits.substring(5));
    }
}
