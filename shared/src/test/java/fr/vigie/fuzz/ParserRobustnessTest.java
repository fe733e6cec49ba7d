package fr.vigie.fuzz;

import fr.vigie.adapter.feed.StockReportJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The short fuzzing run of the normal suite: thousands of damaged variants of real rows and
 * reports (bytes flipped, cut, repeated, quotes and separators inserted) through the same
 * properties as {@link ParserFuzzTest}; seeded, so a failure replays.
 */
class ParserRobustnessTest {

    static final String CSV = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\r\n"
            + "2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,31,0,200,2025-11-05\r\n"
            + "\"2025-11-03T05:00:00+01:00\",\"CH, 2\",FFP2,7,,,,\r\n";
    /** A French spreadsheet's export: ';', a BOM, CRLF, a cleared row, French numbers that must stay refused. */
    static final String SEMICOLON_CSV = "\uFEFFtimestamp;facility_id;device_id;on_hand;consumed;received;on_order;expected_delivery\r\n"
            + "2026-11-02T05:00:00Z;CHU-IDF-01;HFNC-PED;120;31;0;200;2026-11-05\r\n;;;;;;;\r\n"
            + "2026-11-03T05:00:00+01:00;CH-BRE-08;FFP2;1 200;60,5;0;0;\r\n2099-01-01T05:00:00Z;CH-BRE-08;FFP2;7;;;;\r\n";
    static final String JSON = "{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\", \"items\": "
            + "[{\"deviceId\": \"HFNC-PED\", \"onHand\": 120, \"consumed\": 31, \"received\": 0, \"onOrder\": 200, \"expectedDelivery\": \"2025-11-05\"}]}";
    static final byte[] SPICE = ",;\"\r\n-.0e9Z:{}[]#+=\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void damagedFeedsAndReportsAreAnsweredCleanly() throws Exception {
        Random random = new Random(20251102);
        ParserFuzzTest properties = new ParserFuzzTest();
        for (int i = 0; i < 20_000; i++) {
            properties.csvFeedAnswersOnlyValidSnapshotsOrRejections(damage(CSV.getBytes(StandardCharsets.UTF_8), random));
            byte[] semicolons = damage(SEMICOLON_CSV.getBytes(StandardCharsets.UTF_8), random);
            properties.csvFeedAnswersOnlyValidSnapshotsOrRejections(semicolons);
            properties.ingestionStoresOnlyAdmissibleSnapshots(semicolons);
            properties.ingestionStoresOnlyAdmissibleSnapshots(damage(CSV.getBytes(StandardCharsets.UTF_8), random));
            String json = new String(damage(JSON.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
            properties.jsonReportAnswersOnlyValidSnapshotsOrRejections(json);
            StockReportJson.parse(json, ParserFuzzTest.KNOWN::contains);
        }
    }

    static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = SPICE[random.nextInt(SPICE.length)];
                case 2 -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = SPICE[random.nextInt(SPICE.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
