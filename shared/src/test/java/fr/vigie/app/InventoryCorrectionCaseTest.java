package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Field case {@code inventory-correction} (issue 16): a count that finds 100 more than the books
 * and a write-off of 150 in a feed without {@code consumed}. Its alerts must be the control feed's
 * (the same use, no corrections): same levels on the same days.
 */
class InventoryCorrectionCaseTest {

    private static final Path CASE = SampleSeason.SAMPLES.resolve("../cases/field/inventory-correction").normalize();

    @Test
    void correctionsRaiseTheAlertsOfTheControlFeed() throws Exception {
        List<String> raised = alerts("feed.csv");
        List<String> control = alerts("feed-control.csv");

        assertFalse(control.isEmpty(), "the control feed runs low: it must raise alerts");
        assertEquals(control, raised);
    }

    private static List<String> alerts(String feed) throws Exception {
        return SampleSeason.replay(CASE.resolve("watchlist.json"), CASE.resolve(feed)).alerts().stream()
                .map(InventoryCorrectionCaseTest::levelAndDay).toList();
    }

    private static String levelAndDay(AlertEvent e) {
        return e.level() + " " + e.at();
    }
}
