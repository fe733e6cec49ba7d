package fr.vigie.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clone without ../shared beside it fails the sample-season tests and the backtest: it never turns them into skips. */
class SampleSeasonTest {

    @Test
    void aCheckoutWithoutTheSharedSamplesBesideItFailsWithTheFolderNamed(@TempDir Path dir) throws Exception {
        Path clone = Files.createDirectories(dir.resolve("clone"));
        AssertionError missing = assertThrows(AssertionError.class, () -> SampleSeason.samplesBeside(clone));
        assertTrue(missing.getMessage().contains(dir.resolve("shared/samples").toString()), missing.getMessage());

        Files.createDirectories(dir.resolve("shared/samples"));
        assertEquals(dir.resolve("shared/samples"), SampleSeason.samplesBeside(clone));
    }
}
