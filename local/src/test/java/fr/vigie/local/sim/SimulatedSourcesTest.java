package fr.vigie.local.sim;

import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.adapter.http.HttpStockSource;
import fr.vigie.domain.Facility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static fr.vigie.local.sim.DemoSeason.FIRST_DAY;
import static fr.vigie.local.sim.DemoSeason.simulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedSourcesTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void answersTheFacilityReportOverHttp() throws Exception {
        SeasonSimulator sim = simulator(2025);
        LocalDate day = LocalDate.of(2025, 11, 20);
        sim.advanceTo(day);
        try (SimulatedSources sources = new SimulatedSources(sim)) {
            Instant pollAt = Instant.parse("2025-11-21T05:00:00Z");
            sources.setClock(pollAt);
            URI url = sources.urlOf("CH-HDF-03");
            assertEquals("127.0.0.1", url.getHost());

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(response.body().startsWith("{\"facilityId\":\"CH-HDF-03\",\"reportedAt\":\"2025-11-21T05:00:00Z\",\"items\":["),
                    response.body());
            List<FeedRow> rows = StockReportJson.parse(response.body(), id -> true);
            assertEquals(7, rows.size());
            assertTrue(rows.stream().allMatch(r -> r instanceof FeedRow.Accepted a
                    && a.snapshot().timestamp().equals(pollAt) && a.snapshot().facilityId().equals("CH-HDF-03")));
        }
    }

    @Test
    void unknownFacilityOrPathIs404AndOnlyGetIsAllowed() throws Exception {
        try (SimulatedSources sources = new SimulatedSources(simulator(2025))) {
            URI base = sources.urlOf("CHU-IDF-01");
            assertEquals(404, status(HttpRequest.newBuilder(sources.urlOf("CH-NOWHERE-99")).GET().build()));
            assertEquals(404, status(HttpRequest.newBuilder(base.resolve("/facilities/CHU-IDF-01")).GET().build()));
            assertEquals(404, status(HttpRequest.newBuilder(base.resolve("/facilities//stock")).GET().build()));
            assertEquals(405, status(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
            assertEquals(200, status(HttpRequest.newBuilder(base).GET().build()));
        }
    }

    @Test
    void thePollerAdapterReadsItAndItStopsOnClose() throws Exception {
        SeasonSimulator sim = simulator(2025);
        sim.advanceTo(FIRST_DAY.plusDays(9));
        SimulatedSources sources = new SimulatedSources(sim);
        Facility facility = new Facility("CLIN-PAC-04", "Clinique Azur Méditerranée", "93", sources.sourceOf("CLIN-PAC-04"));
        HttpStockSource adapter = new HttpStockSource(http, secret -> null);

        String report = adapter.body(facility);

        // Without a clock, the morning after the last simulated day.
        assertTrue(report.contains("\"reportedAt\":\"" + FIRST_DAY.plusDays(10) + "T05:00:00Z\""), report);
        sources.close();
        assertThrows(java.io.IOException.class, () -> adapter.body(facility));
    }

    private int status(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
