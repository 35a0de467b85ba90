package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import java.util.Set;
import org.happserve.domain.Caller;
import org.happserve.domain.Complaint;
import org.happserve.domain.Lifecycle;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;

class SafeSlaTimerTest {
    private final SlaTimer timer = mock(SlaTimer.class);
    private final ComplaintStore store = mock(ComplaintStore.class);
    private final SafeSlaTimer safe = new SafeSlaTimer(timer);
    private final Complaint open = Samples.streetLight("GMC-2612-000001").complaint();

    @Test
    void aRoundStillOpenKeepsItsTimer() {
        when(store.get(open.number())).thenReturn(Optional.of(open));
        safe.startRound(open, store);
        verify(timer).start(open.number(), 0, 0, open.dueAt());
        verify(timer, never()).stop(anyString(), anyInt());
    }

    @Test
    void aCloseThatLandedBeforeTheStartStopsTheTimerAgain() {
        Complaint closed = Lifecycle.close(Fixtures.sampleDirectory(), Samples.MESSAGES, open,
                new Caller("admin1", Set.of(Caller.Role.ADMIN)), "done", Fixtures.NOW, 1).after();
        when(store.get(open.number())).thenReturn(Optional.of(closed));
        safe.startRound(open, store);
        verify(timer).stop(open.number(), 0);
    }

    @Test
    void aTimerServiceFailureNeverFailsTheChange() {
        doThrow(new IllegalStateException("Step Functions unreachable")).when(timer).start(any(), anyInt(), anyInt(), any());
        doThrow(new IllegalStateException("Step Functions unreachable")).when(timer).stop(any(), anyInt());
        when(store.get(open.number())).thenReturn(Optional.empty());
        assertThatCode(() -> safe.startRound(open, store)).doesNotThrowAnyException();
    }
}
