package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegionTest {

    private static Optional<String> code(String codeOrName) {
        return Region.parse(codeOrName).map(Region::code);
    }

    @Test
    void eighteenRegionsEachFoundByCodeAndByName() {
        assertEquals(18, Region.values().length);
        Arrays.stream(Region.values()).forEach(r -> {
            String code = r.code();
            String name = r.label();
            assertEquals(Optional.of(code), code(code));
            assertEquals(Optional.of(code), code(name));
            assertEquals(Optional.of(code), code(name.toUpperCase()));
        });
    }

    @Test
    void spellingVariantsAndUnknowns() {
        assertEquals(Optional.of("27"), code("bourgogne franche comte"));
        assertEquals(Optional.of("93"), code("Provence-Alpes-Cote-d'Azur"));
        assertEquals(Optional.of("04"), code("Réunion"));
        assertEquals(Optional.empty(), code("Limousin"));
        assertEquals(Optional.empty(), code("05"));
        assertEquals(Optional.empty(), code(" "));
        assertEquals(Optional.empty(), code(null));
    }
}
