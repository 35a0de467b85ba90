package org.happserve.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.domain.Mobile;
import org.happserve.ports.Metrics;
import org.happserve.ports.RateLimiter;

/**
 * Keeps the citizens' public routes that take a complaint number and a mobile (lookup, reopen) from
 * being used to enumerate complaints or mobiles: anonymous requests are counted per source address
 * and then per mobile asked about, in fixed windows, and refused past the limit. The counters live
 * in the {@link RateLimiter} (DynamoDB), so every Lambda instance, and the local runtime, share one
 * count. Staff are not counted: the handlers call this for anonymous callers only.
 *
 * <p>A fixed window lets up to twice the limit through around a window's edge; a sliding window
 * would cost a second read per request, and twice 10 guesses a minute enumerates nothing.
 */
public final class CitizenThrottle {
    private static final Logger LOG = LogManager.getLogger(CitizenThrottle.class);
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /**
     * After the limiter fails, requests go through uncounted for this long without calling it: each
     * call waits up to its timeout, and an outage should not add that to every lookup.
     */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(10);

    /** Requests allowed per source address and per mobile in each window. */
    public record Limits(int perIp, int perMobile, Duration window) {
        /** The template's defaults (its Public* parameters): per address 60 a minute, per mobile 10 a minute. */
        public static final Limits DEFAULT = new Limits(60, 10, Duration.ofMinutes(1));

        public Limits {
            if (perIp < 1 || perMobile < 1 || window.toSeconds() < 1) {
                throw new IllegalArgumentException("limits must be positive and the window at least a second");
            }
        }

        /** From the function's environment: THROTTLE_PER_IP, THROTTLE_PER_MOBILE, THROTTLE_WINDOW_SECONDS. */
        public static Limits from(Map<String, String> env) {
            return new Limits(positive(env, "THROTTLE_PER_IP", DEFAULT.perIp()),
                    positive(env, "THROTTLE_PER_MOBILE", DEFAULT.perMobile()),
                    Duration.ofSeconds(positive(env, "THROTTLE_WINDOW_SECONDS", (int) DEFAULT.window().toSeconds())));
        }

        private static int positive(Map<String, String> env, String name, int fallback) {
            String v = env.get(name);
            if (v == null || v.isBlank()) return fallback;
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            // A misconfigured limit fails the function's start, not silently every request.
            throw new IllegalStateException("environment variable " + name + " must be a whole number of at least 1, not " + v);
        }
    }

    /** A refused request: the message names what was limited (never the mobile itself). */
    public static final class Throttled extends RuntimeException {
        private final long retryAfterSeconds;

        Throttled(String detail, long retryAfterSeconds) {
            super(detail, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** Whole seconds until the window ends (at least 1): the Retry-After header. */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final RateLimiter limiter;
    private final Limits limits;
    private final Clock clock;
    private final Metrics metrics;
    private volatile Instant pausedUntil = Instant.MIN;

    public CitizenThrottle(RateLimiter limiter, Limits limits, Clock clock, Metrics metrics) {
        this.limiter = limiter;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Counts nothing and refuses nothing: for benchmarks and tests of other concerns. */
    public static CitizenThrottle unlimited() {
        return new CitizenThrottle((key, start, expires) -> 0, Limits.DEFAULT, Clock.systemUTC(), Metrics.NONE);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Counts an anonymous request from this source address; throws {@link Throttled} past the limit.
     * An event without a source address did not come through API Gateway (SnapStart priming, which
     * must only read; an operator's direct invoke) and is not counted.
     */
    public void checkAddress(String sourceIp) {
        if (sourceIp == null || sourceIp.isBlank()) return;
        check("ip#" + addressKey(sourceIp.strip()), limits.perIp(), "ThrottledByAddress",
                "too many requests from your network address");
    }

    /**
     * Counts an anonymous request naming this mobile, in any form {@link Mobile#normalize} accepts
     * (so +91…, 0… and spaced forms share one count); throws {@link Throttled} past the limit. A
     * value that is no mobile number is not counted: the request is refused as invalid anyway.
     */
    public void checkMobile(String mobile) {
        String e164 = Mobile.normalize(mobile).orElse(null);
        if (e164 == null) return;
        check("mobile#" + digest(e164), limits.perMobile(), "ThrottledByMobile", "too many requests for this mobile number");
    }

    private void check(String key, int limit, String metric, String what) {
        Instant now = clock.instant();
        long length = limits.window().toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
        Instant end = start.plusMillis(length);
        if (now.isBefore(pausedUntil)) {
            metrics.count("RateLimiterUnavailable");
            return;
        }
        long hits;
        try {
            // Kept a window past its end: TTL deletes within days, and each window has its own item anyway.
            hits = limiter.hit(key, start, end.plusMillis(length));
        } catch (RuntimeException e) {
            // Fail open: the limiter guards against guessing, it is not what keeps a complaint private
            // (the number and the registered mobile are). Refusing every citizen while DynamoDB
            // throttles or errs would turn a limiter fault into an outage; the metric makes it visible.
            pausedUntil = now.plus(PAUSE_AFTER_FAILURE);
            LOG.warn("rate limiter unavailable, requests let through uncounted for {} s: {}",
                    PAUSE_AFTER_FAILURE.toSeconds(), e.toString());
            metrics.count("RateLimiterUnavailable");
            return;
        }
        if (hits > limit) {
            metrics.count(metric);
            long wait = Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
            throw new Throttled(what + "; try again in " + wait + " s", wait);
        }
    }

    /**
     * IPv4 as is; IPv6 by its /64 prefix, since one subscriber usually holds a whole /64 and could
     * otherwise take a fresh address per request.
     */
    static String addressKey(String ip) {
        if (ip.indexOf(':') < 0 || !IPV6.matcher(ip).matches()) return ip;
        try {
            // A literal containing ':' is parsed, never resolved through DNS.
            byte[] b = InetAddress.getByName(ip).getAddress();
            if (b.length != 16) return InetAddress.getByAddress(b).getHostAddress(); // IPv4-mapped
            HexFormat hex = HexFormat.of();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) s.append(hex.toHexDigits(b[i])).append(hex.toHexDigits(b[i + 1])).append(':');
            return s.append(":/64").toString();
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    /**
     * The key of a mobile: a digest, so that the table and its exports do not list every mobile anyone
     * tried. Not a secret: ten digits can be brute-forced; it only keeps numbers out of plain sight.
     */
    static String digest(String e164) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(e164.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
