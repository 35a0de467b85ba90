package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Optional;
import org.happserve.domain.Directory;
import org.happserve.ports.DirectoryStore;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DirectorySourceTest {
    private final DirectoryStore store = mock(DirectoryStore.class);
    private final Clock clock = mock(Clock.class);
    private final DirectorySource source = new DirectorySource(store, clock);
    private final Directory sample = Fixtures.sampleDirectory();

    @Test
    void aWarmFunctionRereadsTheDirectoryOnlyAfterAMinute() {
        when(store.load()).thenReturn(Optional.of(sample));
        when(clock.instant()).thenReturn(Fixtures.NOW, Fixtures.NOW.plusSeconds(60), Fixtures.NOW.plusSeconds(61),
                Fixtures.NOW.plusSeconds(62));

        assertThat(source.get()).isSameAs(sample);
        source.get();
        verify(store, times(1)).load();
        source.get();
        source.get();
        verify(store, times(2)).load();
    }

    @Test
    void noDirectoryLoadedPointsAtTheConfigLoader() {
        when(store.load()).thenReturn(Optional.empty());
        when(clock.instant()).thenReturn(Fixtures.NOW);
        assertThatThrownBy(source::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("config loader");
    }
}
