package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoEpidemicSignals;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.vigie.fn.watchlist.ApiCalls.as;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static fr.vigie.fn.watchlist.ApiCalls.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /epidemic-signal through the registry API's handler, on DynamoDB Local: who may, what is stored, what is refused. */
class EpidemicSignalApiTest {

    private static final String CSV = """
            region,epidemic,week,intensity,published
            84,BRONCHIOLITIS,2025-W42,8.5,
            84,BRONCHIOLITIS,2025-W43,12.4,2025-10-29
            84,GRIPPE,2025-W43,3,
            84,FLU,2025-W45,3,
            """;

    private static APIGatewayV2HTTPEvent post(String body, Map<String, String> claims, String mediaType) {
        APIGatewayV2HTTPEvent e = as(with(sample("watchlist-http-post.json"), "POST /epidemic-signal", null, body, null), claims);
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("content-type", mediaType);
        e.setHeaders(headers);
        return e;
    }

    @Test
    void aNationalOperatorImportsTheSignalTheBadRowsNamedByLineAndASecondImportStoresNothing() {
        ApiCalls api = new ApiCalls();
        APIGatewayV2HTTPResponse r = api.call(post(CSV, ApiCalls.operator("op.national"), "text/csv; charset=utf-8"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode body = ApiCalls.body(r);
        assertEquals(2, body.get("read").asInt());
        assertEquals(2, body.get("stored").asInt());
        assertEquals(2, body.get("rejected").asInt());
        assertEquals(4, body.get("errors").get(0).get("line").asInt());
        assertTrue(body.get("errors").get(0).get("message").asText().startsWith("épidémie inconnue « GRIPPE »"), body.toString());
        // the API's clock says 02/11/2025: week 45 (from 03/11) has not begun
        assertTrue(body.get("errors").get(1).get("message").asText().startsWith("semaine 2025-W45 hors de la période possible"), body.toString());
        assertEquals(List.of(new EpidemicWeek("84", Epidemic.BRONCHIOLITIS, LocalDate.of(2025, 10, 13), 8.5, LocalDate.of(2025, 10, 22)),
                        new EpidemicWeek("84", Epidemic.BRONCHIOLITIS, LocalDate.of(2025, 10, 20), 12.4, LocalDate.of(2025, 10, 29))),
                new DynamoEpidemicSignals(api.dynamo, api.names.registry()).of("84", Epidemic.BRONCHIOLITIS));

        JsonNode again = ApiCalls.body(api.call(post(CSV, ApiCalls.operator("op.national"), "text/csv")));
        assertEquals(0, again.get("stored").asInt(), again.toString());
    }

    @Test
    void othersAreRefusedAndAFileWithoutAValidRowIsA400NamingItsLines() {
        ApiCalls api = new ApiCalls();
        assertEquals(403, api.call(post(CSV, ApiCalls.hospital("CHU-ARA-02"), "text/csv")).getStatusCode());
        assertEquals(415, api.call(post(CSV, ApiCalls.operator("op.national"), "application/json")).getStatusCode());
        APIGatewayV2HTTPResponse none = api.call(post("region,epidemic,week,intensity\n84,FLU,2025-W43,abc\n",
                ApiCalls.operator("op.national"), "text/csv"));
        assertEquals(400, none.getStatusCode(), none.getBody());
        assertTrue(none.getBody().contains("ligne 2") && none.getBody().contains("intensité illisible"), none.getBody());
        APIGatewayV2HTTPResponse header = api.call(post("region;semaine\n", ApiCalls.operator("op.national"), "text/csv"));
        assertEquals(400, header.getStatusCode(), header.getBody());
        assertTrue(header.getBody().contains("colonnes obligatoires absentes"), header.getBody());
    }
}
