package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration syntax of the CLI's options, read and written. */
class DurationConverterTest {

    @Test
    void readsANumberWithAUnitOrSeconds() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofSeconds(5), DurationConverter.parse("5"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse(" 2m "));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
    }

    @Test
    void refusesWhatIsNoDurationOrOutOfRange() {
        for (String text : new String[] {"", "soon", "5x", "-1s", "1e3s", "0", "0ms", "99999999999h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationConverter.parse(text), text);
            assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        }
    }

    @Test
    void writesWhatItReads() {
        for (String text : new String[] {"500ms", "2s", "1.5s", "1m", "250ns"}) {
            Duration d = text.endsWith("ns") ? Duration.ofNanos(250) : DurationConverter.parse(text);
            assertEquals(text, DurationConverter.format(d));
        }
    }
}
