package org.happserve.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.happserve.testing.Events.editBody;
import static org.happserve.testing.Events.withGroups;
import static org.happserve.testing.Events.withClaim;
import static org.happserve.testing.Events.withSourceIp;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.happserve.app.CitizenThrottle;
import org.happserve.http.Callers;
import org.happserve.ports.RateLimiter;
import org.happserve.testing.Fixtures;
import org.happserve.testing.InMemoryRateLimiter;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.happserve.testing.MockedPorts;
import org.junit.jupiter.api.Test;

/**
 * A citizen's reopen is counted per address and per mobile, in the same counters as the lookup's
 * (limits here: 5 per address, 2 per mobile a minute); staff reopens are not. The store is empty,
 * so a request that gets through is answered 404.
 */
class ManageComplaintHandlerTest {
    private final MockedPorts ports = new MockedPorts();
    private final InMemoryRateLimiter counters = new InMemoryRateLimiter();
    private final List<String> metrics = new ArrayList<>();

    private ManageComplaintHandler handler(RateLimiter limiter) {
        return new ManageComplaintHandler(ports.actions(), new Callers(null),
                new CitizenThrottle(limiter, new CitizenThrottle.Limits(5, 2, Duration.ofMinutes(1)), Fixtures.CLOCK, metrics::add));
    }

    private HttpResult reopen(ObjectNode event) {
        return Lambda.http(handler(counters), event);
    }

    private static ObjectNode citizen(String ip, String mobile) {
        return editBody(withSourceIp(Fixtures.event("complaint-reopen-citizen.json"), ip), b -> b.put("mobile", mobile));
    }

    @Test
    void aCitizensReopensAreRefusedPastTheMobilesLimitWith429() {
        reopen(citizen("49.36.120.17", "98765 43210")).assertProblem(404);
        reopen(citizen("49.36.120.18", "+919876543210")).assertProblem(404);
        HttpResult refused = reopen(citizen("49.36.120.19", "9876543210"));
        refused.assertProblem(429);
        assertThat(refused.header("retry-after")).isEqualTo("60");
        assertThat(refused.body().path("detail").asText()).contains("mobile number").doesNotContain("3210");
        assertThat(metrics).containsExactly("ThrottledByMobile");
    }

    @Test
    void aCitizensReopensAreRefusedPastTheAddresssLimit() {
        for (int i = 0; i < 5; i++) reopen(citizen("49.36.120.17", "912345678" + i)).assertProblem(404);
        reopen(citizen("49.36.120.17", "9123456785")).assertProblem(429);
        reopen(citizen("49.36.120.20", "9123456785")).assertProblem(404);
    }

    @Test
    void aReopenWithoutAMobileStillCountsAgainstTheAddress() {
        reopen(editBody(withSourceIp(Fixtures.event("complaint-reopen-citizen.json"), "10.1.1.1"), b -> b.remove("mobile")))
                .assertProblem(400, "mobile");
        assertThat(counters.total("ip#10.1.1.1")).isEqualTo(1);
        assertThat(counters.total("mobile#")).isZero();
    }

    @Test
    void anOperatorsReopensAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            ObjectNode e = editBody(withClaim(withGroups(Fixtures.event("complaint-reopen-citizen.json"), "[operator]"),
                    "cognito:username", "operator1"), b -> b.remove("mobile"));
            reopen(e).assertProblem(404);
        }
        assertThat(counters.counts).isEmpty();
    }

    @Test
    void aFailingLimiterLetsTheReopenThrough() {
        RateLimiter down = mock(RateLimiter.class);
        when(down.hit(any(), any(), any())).thenThrow(new IllegalStateException("DynamoDB unavailable"));
        Lambda.http(handler(down), Fixtures.event("complaint-reopen-citizen.json")).assertProblem(404);
        assertThat(metrics).containsExactly("RateLimiterUnavailable", "RateLimiterUnavailable");
    }
}
