package fr.vigie.adapter.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentKindTest {

    /** {@code bytes} as every reader of Vigie decodes them: UTF-8, a byte that is none read as U+FFFD. */
    private static DocumentKind of(byte[] bytes) {
        return DocumentKind.of(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void eachKindIsToldFromItsFirstCharacters() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("timestamp,facility_id\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(DocumentKind.GZIP, of(gz.toByteArray()));
        assertEquals(DocumentKind.ZIP, of(new byte[]{'P', 'K', 3, 4, 20, 0, 6, 0}), "an .xlsx workbook is a zip");
        assertEquals(DocumentKind.NOT_UTF8, of("\uFEFFtimestamp,facility_id".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(DocumentKind.NOT_UTF8, of("timestamp,facility_id".getBytes(StandardCharsets.UTF_16BE)), "UTF-16 without its mark");
        assertEquals(DocumentKind.JSON, DocumentKind.of("\uFEFF\n  {\"facilityId\": \"CH-BRE-08\"}"));
        assertEquals(DocumentKind.JSON, DocumentKind.of("[{\"deviceId\": \"FFP2\"}]"));
        assertEquals(DocumentKind.TEXT, DocumentKind.of(" \r\n"), "an empty document is named by its parser (« fichier vide »)");
        assertEquals(DocumentKind.TEXT, DocumentKind.of(null));
        assertEquals(DocumentKind.TEXT, DocumentKind.of("timestamp;facility_id;device_id;on_hand\n"));
        assertEquals(DocumentKind.TEXT, DocumentKind.of("sep=;\n"));
    }

    @Test
    void aRefusalSaysWhatCameAndWhatIsExpected() {
        assertEquals("document JSON : un fichier CSV en UTF-8 est attendu", DocumentKind.JSON.refusal(DocumentKind.Expected.CSV, "{"));
        String csv = DocumentKind.TEXT.refusal(DocumentKind.Expected.JSON, "timestamp,facility_id,device_id,on_hand,consumed,received\n2025");
        assertEquals("ce n'est pas un document JSON (il commence par « timestamp,facility_id,device_id,on_hand,… ») : "
                + "un document JSON en UTF-8 est attendu", csv);
        assertTrue(DocumentKind.ZIP.refusal(DocumentKind.Expected.CSV, "").contains("Excel"));
    }
}
