package de.tomaudit.mastodondb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PgJDBC lets URL parameters override the properties the connector sets, so a --mastodon-db URL could
 * otherwise name another role, carry a password, or switch the read-only session off.
 */
class MastodonDbUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db.example.org:5432/mastodon?password=x",
        "jdbc:postgresql://db.example.org:5432/mastodon?sslmode=verify-full&PASSWORD=x",
        "jdbc:postgresql://db.example.org:5432/mastodon?user=postgres",
        "jdbc:postgresql://db.example.org:5432/mastodon?readOnly=false",
        "jdbc:postgresql://db.example.org:5432/mastodon?readOnlyMode=ignore",
        "jdbc:postgresql://db.example.org:5432/mastodon?options=-c%20default_transaction_read_only=off",
        "jdbc:postgresql://db.example.org:5432/mastodon?passfile=/tmp/other",
        "jdbc:postgresql://postgres:secret@db.example.org:5432/mastodon",
        "jdbc:postgresql://postgres@db.example.org:5432/mastodon",
        "jdbc:mysql://db.example.org/mastodon"})
    void refusedWithTheReason(String url) {
        Optional<String> why = MastodonDbSettings.urlProblem(url);
        assertTrue(why.isPresent(), url);
        assertTrue(why.get().startsWith("--mastodon-db must"), why.get());
        assertTrue(!why.get().contains("secret") && !why.get().contains("=x"), "never repeats a password: " + why.get());
        MastodonDbException e = assertThrows(MastodonDbException.class, () -> MastodonDbConnector.open(url, MastodonDbSettings.NONE));
        assertEquals("db-connect", e.stage(), "the connector refuses it too, before any connection");
        assertEquals(why.get(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db.example.org:5432/mastodon",
        "jdbc:postgresql://db.example.org:5432/mastodon?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem",
        "jdbc:postgresql://[2001:db8::1]:5432/mastodon?ApplicationName=x"})
    void ordinaryUrlsPass(String url) {
        assertEquals(Optional.empty(), MastodonDbSettings.urlProblem(url));
    }
}
