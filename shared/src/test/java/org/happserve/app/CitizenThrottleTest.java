package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.happserve.app.CitizenThrottle.Limits;
import org.happserve.app.CitizenThrottle.Throttled;
import org.happserve.ports.RateLimiter;
import org.happserve.testing.InMemoryRateLimiter;
import org.junit.jupiter.api.Test;

class CitizenThrottleTest {
    /** 10:15:20 UTC: 40 s left in the current one-minute window. */
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T10:15:20Z"));
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    private final List<String> metrics = new ArrayList<>();
    private final CitizenThrottle throttle = new CitizenThrottle(limiter, new Limits(3, 2, Duration.ofMinutes(1)), clock, metrics::add);

    private static final class MovingClock extends java.time.Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void anAddressIsRefusedPastItsLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) throttle.checkAddress("49.36.120.17");
        Throttled t = catchThrowableOfType(Throttled.class, () -> throttle.checkAddress("49.36.120.17"));
        assertThat(t).isNotNull();
        assertThat(t.retryAfterSeconds()).as("seconds to 10:16:00").isEqualTo(40);
        assertThat(t.getMessage()).contains("address").contains("40 s");
        assertThat(metrics).containsExactly("ThrottledByAddress");
        // Another address has its own count.
        assertThatCode(() -> throttle.checkAddress("49.36.120.18")).doesNotThrowAnyException();
        // The next window starts afresh.
        clock.now = Instant.parse("2026-12-03T10:16:00Z");
        assertThatCode(() -> throttle.checkAddress("49.36.120.17")).doesNotThrowAnyException();
    }

    @Test
    void retryAfterIsRoundedUpAndAtLeastOneSecond() {
        clock.now = Instant.parse("2026-12-03T10:15:59.700Z");
        for (int i = 0; i < 3; i++) throttle.checkAddress("10.0.0.1");
        assertThat(catchThrowableOfType(Throttled.class, () -> throttle.checkAddress("10.0.0.1")).retryAfterSeconds()).isEqualTo(1);
        clock.now = Instant.parse("2026-12-03T10:16:10.200Z");
        for (int i = 0; i < 3; i++) throttle.checkAddress("10.0.0.1");
        assertThat(catchThrowableOfType(Throttled.class, () -> throttle.checkAddress("10.0.0.1")).retryAfterSeconds()).isEqualTo(50);
    }

    @Test
    void everyFormOfOneMobileSharesOneCountAndTheMobileIsNeverNamed() {
        throttle.checkMobile("98765 43210");
        throttle.checkMobile("+919876543210");
        Throttled t = catchThrowableOfType(Throttled.class, () -> throttle.checkMobile("09876543210"));
        assertThat(t).isNotNull();
        assertThat(t.getMessage()).contains("mobile").doesNotContain("9876543210").doesNotContain("3210");
        assertThat(metrics).containsExactly("ThrottledByMobile");
        assertThatCode(() -> throttle.checkMobile("9876543211")).as("another mobile").doesNotThrowAnyException();
    }

    @Test
    void theStoredKeyOfAMobileIsADigestNotTheNumber() {
        throttle.checkMobile("9876543210");
        assertThat(limiter.counts.keySet()).singleElement().asString()
                .startsWith("mobile#").doesNotContain("9876543210").matches("mobile#[0-9a-f]{32}@2026-12-03T10:15:00Z");
    }

    @Test
    void whatIsNoMobileIsNotCounted() {
        for (String notAMobile : new String[] {null, "", "12345", "x".repeat(5000), "+1 202 555 0100"}) throttle.checkMobile(notAMobile);
        assertThat(limiter.counts).isEmpty();
    }

    @Test
    void anEventWithoutASourceAddressIsNotCounted() {
        // SnapStart priming and direct invokes carry none; every API Gateway request does.
        throttle.checkAddress(null);
        throttle.checkAddress(" ");
        assertThat(limiter.counts).isEmpty();
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64() {
        assertThat(CitizenThrottle.addressKey("2401:4900:1c2a:3b4d:1111:2222:3333:4444")).isEqualTo("2401:4900:1c2a:3b4d::/64");
        assertThat(CitizenThrottle.addressKey("2401:4900:1c2a:3b4d::9")).isEqualTo("2401:4900:1c2a:3b4d::/64");
        assertThat(CitizenThrottle.addressKey("::ffff:49.36.120.17")).isEqualTo("49.36.120.17");
        assertThat(CitizenThrottle.addressKey("49.36.120.17")).isEqualTo("49.36.120.17");
        assertThat(CitizenThrottle.addressKey("not:an:address:zz")).isEqualTo("not:an:address:zz");
        for (int i = 0; i < 3; i++) throttle.checkAddress("2401:4900:1c2a:3b4d::" + Integer.toHexString(i + 1));
        assertThatThrownBy(() -> throttle.checkAddress("2401:4900:1c2a:3b4d:ffff::1")).isInstanceOf(Throttled.class);
    }

    @Test
    void aFailingLimiterLetsRequestsThroughUncountedAndIsLeftAloneForAWhile() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RateLimiter down = (key, start, expires) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("ProvisionedThroughputExceededException");
        };
        CitizenThrottle open = new CitizenThrottle(down, new Limits(1, 1, Duration.ofMinutes(1)), clock, metrics::add);
        for (int i = 0; i < 100; i++) {
            open.checkAddress("49.36.120.17");
            open.checkMobile("9876543210");
        }
        assertThat(metrics).as("every uncounted request is counted as such").hasSize(200).containsOnly("RateLimiterUnavailable");
        assertThat(calls.get()).as("one call, then a pause: an outage must not cost every lookup a timeout").isEqualTo(1);
        clock.now = clock.now.plus(CitizenThrottle.PAUSE_AFTER_FAILURE);
        open.checkAddress("49.36.120.17");
        assertThat(calls.get()).as("tried again after the pause").isEqualTo(2);
    }

    @Test
    void countersExpireAWindowAfterTheirWindowEnds() {
        List<Instant[]> seen = new ArrayList<>();
        new CitizenThrottle((key, start, expires) -> {
            seen.add(new Instant[] {start, expires});
            return 1;
        }, new Limits(1, 1, Duration.ofSeconds(90)), clock, metrics::add).checkAddress("10.0.0.1");
        // 90 s windows from the epoch: 10:15:00 is 90-aligned (36900 s into the day).
        assertThat(seen.get(0)[0]).isEqualTo(Instant.parse("2026-12-03T10:15:00Z"));
        assertThat(seen.get(0)[1]).isEqualTo(Instant.parse("2026-12-03T10:18:00Z"));
    }

    @Test
    void limitsComeFromTheEnvironmentWithTheTemplatesDefaults() {
        assertThat(Limits.from(Map.of())).isEqualTo(new Limits(60, 10, Duration.ofMinutes(1)));
        assertThat(Limits.from(Map.of("THROTTLE_PER_IP", "120", "THROTTLE_PER_MOBILE", "5", "THROTTLE_WINDOW_SECONDS", "300")))
                .isEqualTo(new Limits(120, 5, Duration.ofMinutes(5)));
        for (String bad : new String[] {"0", "-1", "ten", "1.5"}) {
            assertThatThrownBy(() -> Limits.from(Map.of("THROTTLE_PER_MOBILE", bad)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("THROTTLE_PER_MOBILE");
        }
    }

    @Test
    void unlimitedCountsNothing() {
        CitizenThrottle off = CitizenThrottle.unlimited();
        for (int i = 0; i < 1000; i++) {
            off.checkAddress("10.0.0.1");
            off.checkMobile("9876543210");
        }
    }
}
