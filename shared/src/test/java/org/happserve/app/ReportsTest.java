package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.happserve.domain.StatDelta;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore.StatRow;
import org.happserve.testing.MockedPorts;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private final MockedPorts ports = new MockedPorts();
    private final Reports reports = new Reports(ports.store, ports.directory());

    /** Counters as closes with these turnarounds (hours) would have left them. */
    private static StatRow closes(String category, String ward, int... hours) {
        Map<String, Long> counts = new HashMap<>();
        for (int h : hours) {
            long minutes = h * 60L;
            counts.merge(StatDelta.CLOSED, 1L, Long::sum);
            counts.merge(StatDelta.TURNAROUND_COUNT, 1L, Long::sum);
            counts.merge(StatDelta.TURNAROUND_MINUTES, minutes, Long::sum);
            counts.merge(StatDelta.TURNAROUND_BUCKET + StatDelta.bucket(minutes), 1L, Long::sum);
        }
        counts.put(StatDelta.REGISTERED, (long) hours.length);
        return new StatRow(DAY, category, ward, counts);
    }

    @Test
    void averagesAreExactAndMediansFallInTheRightBucket() {
        when(ports.store.statsByCategory(DAY, DAY, null)).thenReturn(List.of(closes("POTHOLE", null, 10, 20, 30, 100)));
        when(ports.store.statsByCategory(DAY, DAY, "W02")).thenReturn(List.of(closes("POTHOLE", "W02", 100)));
        Reports.Summary s = reports.summary(DAY, DAY, null);
        Reports.Figures pothole = s.categories().stream().filter(l -> l.category().equals("POTHOLE")).findFirst().orElseThrow().figures();
        assertThat(pothole.closed()).isEqualTo(4);
        assertThat(pothole.averageTurnaroundHours()).isEqualTo(40.0);
        // The true median is 25 h, between the closes at 20 h and 30 h: the estimate lies within
        // their buckets, (18, 24] and (24, 36].
        assertThat(pothole.medianTurnaroundHours()).isGreaterThan(18.0).isLessThanOrEqualTo(36.0);
        assertThat(s.totals().registered()).isEqualTo(4);
        assertThat(reports.summary(DAY, DAY, "W02").totals().closed()).isEqualTo(1);
    }

    @Test
    void rangesAndWardsAreChecked() {
        assertThatThrownBy(() -> reports.summary(DAY, DAY.minusDays(1), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> reports.summary(DAY.minusDays(400), DAY, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> reports.summary(DAY, DAY, "W99")).isInstanceOf(ValidationException.class);
    }
}
