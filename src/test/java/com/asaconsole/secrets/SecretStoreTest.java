package com.asaconsole.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Secrets are encrypted at rest, bound to their row, and unreadable with another key. */
@ConsoleTest
class SecretStoreTest {

    private static final String VALUE = "Bind-Pw-\u00e9-" + System.nanoTime();

    @Autowired
    SecretStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aValueGoesInEncryptedAndComesOutIntact() {
        SecretId id = store.put("directory bind test", VALUE.toCharArray());
        byte[] stored = jdbc.sql("SELECT ciphertext FROM secret WHERE id = :id").param("id", id.value()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(VALUE);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Bind-Pw");
        assertThat(store.reveal(id)).containsExactly(VALUE.toCharArray());

        store.replace(id, "second".toCharArray());
        assertThat(store.reveal(id)).containsExactly("second".toCharArray());
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAlteredIsRefused() {
        SecretId a = store.put("a", "alpha".toCharArray());
        SecretId b = store.put("b", "bravo".toCharArray());
        jdbc.sql("UPDATE secret SET ciphertext = (SELECT ciphertext FROM secret WHERE id = :a), "
                + "nonce = (SELECT nonce FROM secret WHERE id = :a) WHERE id = :b").param("a", a.value()).param("b", b.value()).update();
        assertThatThrownBy(() -> store.reveal(b)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can't be decrypted").hasMessageNotContaining("alpha");
    }

    @Test
    void anotherKeyCannotReadIt() {
        SecretId id = store.put("c", "charlie".toCharArray());
        SecretStore otherKey = new SecretStore(jdbc, new SecretsKey(new SecretsKey.Properties(
                "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMDE=", "unused")), Clock.systemUTC());
        assertThatThrownBy(() -> otherKey.reveal(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asa.secrets.key");
    }

    @Test
    void aMissingSecretIsASentence() {
        assertThatThrownBy(() -> store.reveal(new SecretId(987654))).isInstanceOf(SecretMissing.class)
                .hasMessage("Secret 987654 does not exist (any more). Enter the credential again.");
    }

    @Test
    void aWrongKeyConfigurationStopsTheStartWithASentence() {
        assertThatThrownBy(() -> new SecretsKey(new SecretsKey.Properties("c2hvcnQ=", "unused")))
                .hasMessage("asa.secrets.key must be 32 bytes (base64-encoded), not 5");
    }
}
