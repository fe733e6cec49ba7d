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
}
