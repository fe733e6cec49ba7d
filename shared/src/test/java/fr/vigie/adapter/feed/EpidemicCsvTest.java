package fr.vigie.adapter.feed;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The epidemic signal's CSV: good rows in each accepted shape, each bad row named by line and reason, the others kept. */
class EpidemicCsvTest {

    /** The day the files are read on: after every week of the season below. */
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void readsIsoWeeksMondaysRegionNamesAndDefaultsThePublicationToTheWednesdayAfter() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("""
                \uFEFFregion,epidemic,week,intensity,published
                84,BRONCHIOLITIS,2025-W47,12.4,2025-11-26
                Île-de-France,flu,2025-11-17,3.5,

                04,COVID,2026-W01,0,2026-01-12
                84,BRONCHIOLITIS,2025-W47,12.4,2025-11-26
                """, TODAY);
        assertEquals(List.of(), r.rejected());
        assertEquals(List.of(
                new EpidemicWeek("84", Epidemic.BRONCHIOLITIS, LocalDate.of(2025, 11, 17), 12.4, LocalDate.of(2025, 11, 26)),
                new EpidemicWeek("11", Epidemic.FLU, LocalDate.of(2025, 11, 17), 3.5, LocalDate.of(2025, 11, 26)),
                // ISO week 1 of 2026 starts on Monday 29 December 2025
                new EpidemicWeek("04", Epidemic.COVID, LocalDate.of(2025, 12, 29), 0, LocalDate.of(2026, 1, 12))), r.weeks());
        assertEquals(1, r.repeated());
    }

    @Test
    void aFrenchSpreadsheetExportWithColumnsInAnotherOrderIsRead() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("week;intensity;region;epidemic\r\n2025-W47;12,4;84;BRONCHIOLITIS\r\n", TODAY);
        assertEquals(List.of(new EpidemicWeek("84", Epidemic.BRONCHIOLITIS, LocalDate.of(2025, 11, 17), 12.4,
                LocalDate.of(2025, 11, 26))), r.weeks());
    }

    @Test
    void eachBadRowIsRejectedWithItsLineAndReasonAndTheGoodRowsAreKept() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("""
                region,epidemic,week,intensity,published
                84,BRONCHIOLITIS,2025-W47,12.4,2025-11-26
                99,FLU,2025-W47,3,
                84,GRIPPE,2025-W47,3,
                84,FLU,2025-11-18,3,
                84,FLU,2025-W54,3,
                84,FLU,2025-W47,douze,
                84,FLU,2025-W47,140,
                84,FLU,2025-W47,3,2025-11-20
                84,FLU,2025-W47,3,5,x
                84,BRONCHIOLITIS,2025-W47,13.1,2025-11-26
                84,,2025-W47,3,
                84,COVID,2025-W48,1.5,
                """, TODAY);
        assertEquals(List.of(
                "ligne 3 : région inconnue « 99 » : code INSEE attendu (ex. 84) ou nom de région",
                "ligne 4 : épidémie inconnue « GRIPPE » : FLU, BRONCHIOLITIS ou COVID attendu",
                "ligne 5 : semaine « 2025-11-18 » : un lundi ou une semaine ISO (ex. 2025-W47) attendu, c'est un mardi",
                "ligne 6 : semaine 2025-W54 inexistante (l'année 2025 a 52 semaines ISO)",
                "ligne 7 : intensité illisible « douze » : part des passages aux urgences en %, ex. 12.4",
                "ligne 8 : intensité hors de 0 à 100 % : 140",
                "ligne 9 : publiée le 20/11/2025, avant la fin de la semaine (dimanche 23/11/2025)",
                "ligne 10 : 6 champs pour 5 colonnes dans l'en-tête (une décimale avec une virgule doit être entre guillemets)",
                "ligne 11 : même région, épidémie, semaine et publication que la ligne 2, avec une autre intensité (13,1 au lieu de 12,4)",
                "ligne 12 : colonne epidemic vide"),
                r.rejected().stream().map(Object::toString).toList());
        assertEquals(List.of(Epidemic.BRONCHIOLITIS, Epidemic.COVID), r.weeks().stream().map(EpidemicWeek::epidemic).toList());
    }

    @Test
    void aFileWithoutItsHeaderOrARequiredColumnIsRefusedWhole() {
        FeedFormatException missing = assertThrows(FeedFormatException.class,
                () -> EpidemicCsv.read("region,epidemic,intensity\n84,FLU,3\n", TODAY));
        assertTrue(missing.getMessage().contains("colonnes obligatoires absentes de l'en-tête : week"), missing.getMessage());
        assertThrows(FeedFormatException.class, () -> EpidemicCsv.read("\n\n", TODAY));
    }

    @Test
    void aSpreadsheetsSepLineOrATabSeparatorIsReadAndIntensitiesArePlainDecimals() throws Exception {
        EpidemicCsv.Result declared = EpidemicCsv.read("sep=;\nregion;epidemic;week;intensity\n84;FLU;2025-W47;12,4\n84;FLU;2025-W46;0x1p3\n", TODAY);
        assertEquals(List.of(12.4), declared.weeks().stream().map(EpidemicWeek::intensity).toList());
        assertEquals(List.of("ligne 4 : intensité illisible « 0x1p3 » : part des passages aux urgences en %, ex. 12.4"),
                declared.rejected().stream().map(Object::toString).toList(), "line numbers count the sep= line");
        EpidemicCsv.Result tabs = EpidemicCsv.read("region\tepidemic\tweek\tintensity\n84\tFLU\t2025-W47\t12,4\n84\tFLU\t2025-W46\t12.4d\n", TODAY);
        assertEquals(List.of(12.4), tabs.weeks().stream().map(EpidemicWeek::intensity).toList());
        assertEquals(1, tabs.rejected().size(), tabs.rejected().toString());
    }

    @Test
    void aColumnGivenTwiceOrMisspeltRefusesTheFile() {
        FeedFormatException twice = assertThrows(FeedFormatException.class,
                () -> EpidemicCsv.read("region,epidemic,week,intensity,intensity\n84,FLU,2025-W47,3,30\n", TODAY));
        assertTrue(twice.getMessage().contains("intensity en double"), twice.getMessage());
        FeedFormatException typo = assertThrows(FeedFormatException.class,
                () -> EpidemicCsv.read("region,epidemic,week,intensity,publisehd\n84,FLU,2025-W47,3,2025-11-26\n", TODAY));
        assertTrue(typo.getMessage().contains("« published »"), typo.getMessage());
        // a French header: the required columns named missing, and what each French name stands for
        FeedFormatException french = assertThrows(FeedFormatException.class,
                () -> EpidemicCsv.read("région;épidémie;semaine;intensité\n84;FLU;2025-W47;3\n", TODAY));
        assertTrue(french.getMessage().startsWith("colonnes obligatoires absentes de l'en-tête : region, epidemic, week, intensity")
                && french.getMessage().contains("« semaine » : vouliez-vous dire « week » ?"), french.getMessage());
    }

    @Test
    void aStrayQuoteCostsItsRowOnlyNamedByLineAndTheOtherRowsAreKept() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("""
                region,epidemic,week,intensity
                84,BRONCHIOLITIS,2025-W47,12.4
                11,"FLU,2025-W47,3.5
                84,FLU,2025-W48,3.5
                """, TODAY);
        assertEquals(List.of("ligne 3 : guillemet « \" » jamais refermé sur la ligne : une valeur entre guillemets doit se terminer"
                + " par un guillemet"), r.rejected().stream().map(Object::toString).toList());
        assertEquals(List.of(LocalDate.of(2025, 11, 17), LocalDate.of(2025, 11, 24)), r.weeks().stream().map(EpidemicWeek::week).toList());
        FeedFormatException header = assertThrows(FeedFormatException.class,
                () -> EpidemicCsv.read("\"region,epidemic,week,intensity\n84,FLU,2025-W47,3\n", TODAY));
        assertTrue(header.getMessage().startsWith("ligne 1 (en-tête) : guillemet"), header.getMessage());
    }

    @Test
    void weeksBeforeTheNetworkOrNotYetBegunAndPublicationsAfterTheReadingDayAreRejected() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("""
                region,epidemic,week,intensity,published
                84,FLU,9999-W01,3,
                84,FLU,2003-W52,3,
                84,FLU,2004-W01,3,
                84,FLU,2026-W09,3,
                84,FLU,2026-W10,3,
                84,FLU,2026-W08,3,2026-03-03
                """, TODAY);
        assertEquals(List.of(
                "ligne 2 : semaine 9999-W01 hors de la période possible : de 2004-W01 (début du réseau OSCOUR) à la semaine en cours (01/03/2026)",
                "ligne 3 : semaine 2003-W52 hors de la période possible : de 2004-W01 (début du réseau OSCOUR) à la semaine en cours (01/03/2026)",
                "ligne 6 : semaine 2026-W10 hors de la période possible : de 2004-W01 (début du réseau OSCOUR) à la semaine en cours (01/03/2026)",
                "ligne 7 : publiée le 03/03/2026, après la date du jour (01/03/2026)"),
                r.rejected().stream().map(Object::toString).toList());
        assertEquals(List.of(LocalDate.of(2003, 12, 29), LocalDate.of(2026, 2, 23)), r.weeks().stream().map(EpidemicWeek::week).toList());
    }

    @Test
    void theRowsReadAreTheWeeksKeptTheRepeatsAndTheRejectedAndAFileWithoutAValidRowSaysSo() throws Exception {
        EpidemicCsv.Result r = EpidemicCsv.read("region,epidemic,week,intensity\n\n84,FLU,2025-W47,3\n84,FLU,2025-W47,3\n84,FLU,x,3\n", TODAY);
        assertEquals(3, r.rows());
        assertEquals(1, r.weeks().size());
        assertFalse(r.nothingValid());
        assertTrue(EpidemicCsv.read("region,epidemic,week,intensity\n", TODAY).nothingValid());
        assertTrue(EpidemicCsv.read("region,epidemic,week,intensity\n84,FLU,x,3\n", TODAY).nothingValid());
    }
}
