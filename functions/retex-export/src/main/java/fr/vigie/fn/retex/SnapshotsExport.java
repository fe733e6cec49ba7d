package fr.vigie.fn.retex;

import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes a season's snapshots as CSV, one series (facility x watched device) at a time read by its
 * key range, to a temporary file (Lambda's /tmp), then to S3: memory holds one series, never the season.
 * Devices no longer on the watch-list are not exported (their series are not known from the registry).
 */
final class SnapshotsExport {

    static final String HEADER = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery,region";

    /** What an export wrote. */
    record Result(String event, String season, String bucket, String key, long rows, int series) {
    }

    private final SnapshotStore snapshots;
    private final FacilityDirectory facilities;
    private final Supplier<Watchlist> watchlist;
    private final S3Client s3;
    private final String bucket;

    SnapshotsExport(SnapshotStore snapshots, FacilityDirectory facilities, Supplier<Watchlist> watchlist, S3Client s3, String bucket) {
        this.snapshots = snapshots;
        this.facilities = facilities;
        this.watchlist = watchlist;
        this.s3 = s3;
        this.bucket = bucket;
    }

    Result run(Season season) throws IOException {
        List<String> devices = watchlist.get().entries().stream().map(WatchlistEntry::deviceId).sorted().toList();
        List<Facility> all = facilities.facilities().stream().sorted(Comparator.comparing(Facility::facilityId)).toList();
        int days = (int) Duration.between(season.start(), season.end()).toDays();
        Path file = Files.createTempFile("retex-", ".csv");
        long rows = 0;
        int series = 0;
        try {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                for (Facility f : all) {
                    for (String device : devices) {
                        List<Snapshot> history = snapshots.history(new SeriesKey(f.facilityId(), device),
                                season.end().minusMillis(1), days);
                        boolean any = false;
                        for (Snapshot s : history) {
                            if (s.timestamp().isBefore(season.start()) || !s.timestamp().isBefore(season.end())) {
                                continue;
                            }
                            out.write(line(s, f.region()));
                            rows++;
                            any = true;
                        }
                        series += any ? 1 : 0;
                    }
                }
            }
            String key = "retex/" + season.name() + "/snapshots.csv";
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(file));
            return new Result("retex_exported", season.name(), bucket, key, rows, series);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String line(Snapshot s, String region) {
        return String.join(",", s.timestamp().toString(), csv(s.facilityId()), csv(s.deviceId()), Long.toString(s.onHand()),
                opt(s.consumed()), opt(s.received()), opt(s.onOrder()),
                s.expectedDelivery() == null ? "" : s.expectedDelivery().toString(), csv(region)) + "\n";
    }

    private static String opt(Long v) {
        return v == null ? "" : v.toString();
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
