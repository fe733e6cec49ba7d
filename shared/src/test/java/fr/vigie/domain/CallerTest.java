package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {

    @Test
    void noVerifiedSubjectIsAnonymous() {
        assertTrue(Caller.fromClaims(null).isEmpty());
        assertTrue(Caller.fromClaims(Map.of("cognito:groups", "[operators]")).isEmpty());
    }

    @Test
    void groupsAreReadInEveryFormApiGatewayUses() {
        assertEquals(Set.of("operators", "hospitals"), Caller.groups("[operators hospitals]"));
        assertEquals(Set.of("operators", "hospitals"), Caller.groups("[\"hospitals\",\"operators\"]"));
        assertEquals(Set.of("operators"), Caller.groups("operators"));
        assertEquals(Set.of("operators-readonly"), Caller.groups("[operators-readonly]"));
    }

    @Test
    void aHospitalActsForItsOwnFacilityOnlyAndAnOperatorForAll() {
        Caller hospital = Caller.fromClaims(Map.of("sub", "h1", "custom:facilityId", "CHU-IDF-01")).orElseThrow();
        assertTrue(hospital.hospital());
        assertTrue(hospital.mayActFor("CHU-IDF-01"));
        assertFalse(hospital.mayActFor("CH-OCC-05"));
        Caller operator = Caller.fromClaims(Map.of("sub", "o1", "cognito:username", "c.martin", "cognito:groups", "[operators]")).orElseThrow();
        assertTrue(operator.operator());
        assertTrue(operator.mayActFor("CH-OCC-05"));
        assertEquals("c.martin", operator.who());
        Caller neither = Caller.fromClaims(Map.of("sub", "x")).orElseThrow();
        assertFalse(neither.hospital() || neither.operator() || neither.mayActFor("CHU-IDF-01"));
    }

    @Test
    void aRegionalOperatorIsAGroupPerRegionByInseeCode() {
        Caller idf = Caller.fromClaims(Map.of("sub", "r1", "cognito:groups", "[operators-11 readers]")).orElseThrow();
        assertFalse(idf.operator(), "not national");
        assertTrue(idf.regionalOperator() && idf.anyOperator());
        assertEquals(Set.of("11"), idf.operatorRegions());
        assertTrue(idf.operatesIn("11"));
        assertFalse(idf.operatesIn("32"));
        assertFalse(idf.operatesIn(null));
        assertFalse(idf.mayActFor("CHU-IDF-01"), "a facility's region is the registry's to say");
        assertEquals("operator:11", idf.describe());
        Caller withFacility = Caller.fromClaims(Map.of("sub", "r2", "cognito:groups", "[operators-32]", "custom:facilityId", "CH-HDF-03")).orElseThrow();
        assertFalse(withFacility.hospital(), "an operator is not limited to a facility claim");
        Caller national = Caller.fromClaims(Map.of("sub", "n", "cognito:groups", "[operators operators-11]")).orElseThrow();
        assertTrue(national.operator() && !national.regionalOperator() && national.operatesIn("32"));
    }

    @Test
    void lookalikeGroupNamesGiveNoRole() {
        for (String claim : java.util.List.of("[\"operators \"]", "[\" operators\"]", "[operators-]", "[Operators]", "[OPERATORS]", "[operators-99]",
                "[operators-1]", "[operators-011]", "[operators-11-]", "[\"operators,\"]", "[operators,]", "operators ,x", "[\"operators-11 \"]",
                "[opеrators]", "[operators_11]", "[operators-１１]", "[operators.]", "[\"operators\",]", "[\"operators\" junk]")) {
            Caller c = Caller.fromClaims(Map.of("sub", "x", "cognito:groups", claim)).orElseThrow();
            assertFalse(c.operator() || c.anyOperator() || c.regionalOperator(), claim + " -> " + c.groups());
        }
        assertFalse(new Caller("x", "x", Set.of("operators "), null).anyOperator(), "a name with white space is not the group");
        assertEquals(Set.of("operators ", "x"), Caller.groups("[\"operators \",\"x\"]"), "quoted names are kept as they are");
    }
}
