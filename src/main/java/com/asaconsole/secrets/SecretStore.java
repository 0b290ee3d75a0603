package com.asaconsole.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps credentials encrypted at rest (AES-256-GCM, a fresh nonce per value, the secret's id and
 * purpose bound as associated data so a ciphertext can't be moved to another row). A value goes
 * in once and comes out only to the code that uses it; no page, log or export ever shows it.
 */
@Service
public class SecretStore {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final SecretKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecretStore(JdbcClient jdbc, SecretsKey key, Clock clock) {
        this.jdbc = jdbc;
        this.key = key.key();
        this.clock = clock;
    }

    /** Stores a value; the caller should clear its array afterwards. */
    @Transactional
    public SecretId put(String purpose, char[] value) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO secret (purpose, nonce, ciphertext, updated_at) VALUES (:purpose, :nonce, :ciphertext, :now)")
                .param("purpose", purpose).param("nonce", new byte[0]).param("ciphertext", new byte[0])
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update(keys, "id");
        SecretId id = new SecretId(keys.getKey().longValue());
        write(id, purpose, value);
        return id;
    }

    @Transactional
    public void replace(SecretId id, char[] value) {
        write(id, purpose(id), value);
    }

    /**
     * Replaces the value and what it is for. A secret's purpose is bound into its encryption, so a
     * caller that names where the value may be sent (an endpoint) in the purpose gets it back only
     * for that place ({@link #reveal(SecretId, String)}).
     */
    @Transactional
    public void replace(SecretId id, String purpose, char[] value) {
        if (jdbc.sql("UPDATE secret SET purpose = :purpose WHERE id = :id").param("purpose", purpose).param("id", id.value())
                .update() != 1) {
            throw new SecretMissing(id);
        }
        write(id, purpose, value);
    }

    /** What the secret was stored for (no value). */
    @Transactional(readOnly = true)
    public String purposeOf(SecretId id) {
        return purpose(id);
    }

    /** The value, for the one call that needs it; clear the array when done. */
    @Transactional(readOnly = true)
    public char[] reveal(SecretId id) {
        return decrypt(id, null);
    }

    /**
     * The value, only if it was stored for exactly {@code purpose}: the purpose names where the
     * value may go, so a secret is never handed to a place it was not stored for, even if the
     * row naming that place was changed behind the console's back.
     */
    @Transactional(readOnly = true)
    public char[] reveal(SecretId id, String purpose) {
        return decrypt(id, purpose);
    }

    private char[] decrypt(SecretId id, String expectedPurpose) {
        Row row = jdbc.sql("SELECT purpose, nonce, ciphertext FROM secret WHERE id = :id").param("id", id.value())
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3))).optional()
                .orElseThrow(() -> new SecretMissing(id));
        if (expectedPurpose != null && !expectedPurpose.equals(row.purpose())) {
            throw new SecretNotForHere(id);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, row.nonce()));
            cipher.updateAAD(aad(id, row.purpose()));
            byte[] plain = cipher.doFinal(row.ciphertext());
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
                char[] value = new char[chars.remaining()];
                chars.get(value);
                Arrays.fill(chars.array(), '\0');
                return value;
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret " + id.value() + " can't be decrypted: the secrets key (asa.secrets.key) "
                    + "is not the one it was stored with, or the row was altered.");
        }
    }

    @Transactional
    public void delete(SecretId id) {
        jdbc.sql("DELETE FROM secret WHERE id = :id").param("id", id.value()).update();
    }

    private void write(SecretId id, String purpose, char[] value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] plain = new byte[encoded.remaining()];
        encoded.get(plain);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(id, purpose));
            byte[] ciphertext = cipher.doFinal(plain);
            int updated = jdbc.sql("UPDATE secret SET nonce = :nonce, ciphertext = :ciphertext, updated_at = :now WHERE id = :id")
                    .param("nonce", nonce).param("ciphertext", ciphertext)
                    .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).param("id", id.value()).update();
            if (updated != 1) {
                throw new SecretMissing(id);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret could not be encrypted (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private String purpose(SecretId id) {
        return jdbc.sql("SELECT purpose FROM secret WHERE id = :id").param("id", id.value()).query(String.class).optional()
                .orElseThrow(() -> new SecretMissing(id));
    }

    private static byte[] aad(SecretId id, String purpose) {
        return ("asa-console-secret:" + id.value() + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private record Row(String purpose, byte[] nonce, byte[] ciphertext) {
    }
}
