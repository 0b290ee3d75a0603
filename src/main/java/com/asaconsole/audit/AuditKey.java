package com.asaconsole.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key that seals every audit record and signs the checkpoints (HMAC-SHA256). It is never in
 * the database: {@code asa.audit.checkpoint-key} when configured (production, and every node of a
 * cluster the same), otherwise a key file made at first start beside the data, like the secrets
 * key, readable by its owner only. Someone who can write the database but not read this key can't
 * make a seal, so a record they rewrite (and re-chain) is named by the verifier.
 */
@Component
class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

    private final byte[] key;
    private final String source;

    AuditKey(AuditProperties properties, @Value("${asa.audit.command-line:false}") boolean commandLine) {
        if (properties.checkpointKey() != null && !properties.checkpointKey().isBlank()) {
            this.key = properties.checkpointKey().getBytes(StandardCharsets.UTF_8);
            this.source = "asa.audit.checkpoint-key";
        } else {
            Path file = Path.of(properties.checkpointKeyFile());
            if (commandLine && !Files.exists(file)) {
                // a new key would make every seal look forged: the verifier needs the console's own key
                throw new IllegalStateException("No audit key: set asa.audit.checkpoint-key as the console has it, or run where the "
                        + "console keeps " + file + ".");
            }
            this.key = load(file);
            this.source = file.toString();
        }
    }

    /** Where the key came from (a setting's name or a file), for sentences; never the key. */
    String source() {
        return source;
    }

    /** The record's seal: proof that the holder of the key wrote this record with this hash at this place. */
    String seal(long seq, String hash) {
        return mac("asa-console audit seal\nseq=" + seq + "\nhash=" + hash + "\n");
    }

    boolean sealed(long seq, String hash, String seal) {
        return seal != null && equal(seal(seq, hash), seal.trim());
    }

    String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] load(Path file) {
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (text.length() < 32) {
                    throw new IllegalStateException(file + " holds no audit key (at least 32 characters expected)");
                }
                return text.getBytes(StandardCharsets.UTF_8);
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String text = Base64.getEncoder().encodeToString(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("No audit key configured (asa.audit.checkpoint-key): created {}. It seals every audit record; keep it out of "
                    + "the database's backups' reach and back it up separately. Without it the trail can't be verified.", file);
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit key file " + file, e);
        }
    }
}
