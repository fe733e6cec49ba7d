package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrenchRegionsTest {

    @Test
    void eighteenRegionsEachFoundByCodeAndByName() {
        assertEquals(18, FrenchRegions.all().size());
        FrenchRegions.all().forEach((code, name) -> {
            assertEquals(Optional.of(code), FrenchRegions.code(code));
            assertEquals(Optional.of(code), FrenchRegions.code(name));
            assertEquals(Optional.of(code), FrenchRegions.code(name.toUpperCase()));
        });
    }

    @Test
    void spellingVariantsAndUnknowns() {
        assertEquals(Optional.of("27"), FrenchRegions.code("bourgogne franche comte"));
        assertEquals(Optional.of("93"), FrenchRegions.code("Provence-Alpes-Cote-d'Azur"));
        assertEquals(Optional.of("04"), FrenchRegions.code("Réunion"));
        assertEquals(Optional.empty(), FrenchRegions.code("Limousin"));
        assertEquals(Optional.empty(), FrenchRegions.code("05"));
        assertEquals(Optional.empty(), FrenchRegions.code(" "));
        assertEquals(Optional.empty(), FrenchRegions.code(null));
    }
}
