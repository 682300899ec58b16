package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void railwayStyleUrlBecomesReactiveAndJdbcSettings() {
        Map<String, String> props = DatabaseUrl.parse("postgresql://big:s%40cret@db.internal:6543/ocean").toQuarkusProperties();
        assertEquals("postgresql://db.internal:6543/ocean", props.get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://db.internal:6543/ocean", props.get("quarkus.datasource.jdbc.url"));
        assertEquals("big", props.get("quarkus.datasource.username"));
        assertEquals("s@cret", props.get("quarkus.datasource.password"), "percent-encoded passwords are decoded");
    }

    @Test
    void herokuSchemeDefaultPortAndQueryAreKept() {
        Map<String, String> props = DatabaseUrl.parse("postgres://u:p@host/db?sslmode=require").toQuarkusProperties();
        assertEquals("postgresql://host:5432/db?sslmode=require", props.get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://host:5432/db?sslmode=require", props.get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void credentialsAreOptional() {
        Map<String, String> props = DatabaseUrl.parse("postgresql://host:5432/db").toQuarkusProperties();
        assertFalse(props.containsKey("quarkus.datasource.username"));
        assertFalse(props.containsKey("quarkus.datasource.password"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "mysql://u:p@host/db", "not a url", "postgresql:///db" })
    void otherUrlsAreRefusedWithAClearMessage(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url));
        assertFalse(e.getMessage().contains("p@"), "the message never echoes credentials");
    }
}
