package fr.vigie.bench;

import fr.vigie.local.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's options: an unknown one (a mistyped flag, {@code help}) must stop it before a ten-minute run that rewrites the doc. */
class BenchMainTest {

    @Test
    void knownOptionsAndTheirValuesPass() {
        assertNull(BenchMain.unknownOption(List.of("--quick", "--rounds", "2", "--root", "/tmp/x", "--no-doc")));
        assertNull(BenchMain.unknownOption(List.of("--scale")));
        assertNull(BenchMain.unknownOption(List.of()));
    }

    @Test
    void theFirstUnknownArgumentIsNamed() {
        assertEquals("--sclae", BenchMain.unknownOption(List.of("--quick", "--sclae", "--cold")));
        assertEquals("help", BenchMain.unknownOption(List.of("help")));
        // a value-taking option at the end has no value: it is not silently taken as a flag
        assertEquals("--rounds", BenchMain.unknownOption(List.of("--cold", "--rounds")));
    }

    /** The help ./vigie prints for the bench (its own --help and the main help) names every option a user may give. */
    @Test
    void everyOptionIsInTheHelp() {
        List<String> options = new java.util.ArrayList<>(BenchMain.FLAGS);
        options.addAll(BenchMain.VALUED);
        options.remove("--root");
        for (String option : options) {
            assertTrue(Main.BENCH_HELP.lines().findFirst().orElseThrow().contains(option), option);
            assertTrue(Main.BENCH_HELP.lines().anyMatch(l -> l.startsWith("  " + option + " ")), option);
        }
    }
}
