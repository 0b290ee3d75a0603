package com.asaconsole.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The key that encrypts secrets at rest: {@code asa.secrets.key} (base64 of 32 bytes, environment
 * {@code ASA_SECRETS_KEY}) in production. Without it the embedded run creates a key file beside
 * its H2 database ({@code asa.secrets.key-file}), readable by its owner only.
 */
@Component
@EnableConfigurationProperties(SecretsKey.Properties.class)
class SecretsKey {

    private static final Logger log = LoggerFactory.getLogger(SecretsKey.class);

    private final SecretKey key;

    SecretsKey(Properties properties) {
        this.key = new SecretKeySpec(load(properties), "AES");
    }

    SecretKey key() {
        return key;
    }

    private static byte[] load(Properties properties) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return decode(properties.key().trim(), "asa.secrets.key");
        }
        Path file = Path.of(properties.keyFile());
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            log.warn("No secrets key configured (asa.secrets.key): created {}. Back it up with the database; "
                    + "without it stored credentials can't be read.", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64 (expected 32 random bytes, base64-encoded)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (base64-encoded), not " + bytes.length);
        }
        return bytes;
    }

    /**
     * @param key base64 of 32 random bytes
     * @param keyFile where the embedded run keeps a generated key when none is configured
     */
    @ConfigurationProperties("asa.secrets")
    record Properties(String key, @org.springframework.boot.context.properties.bind.DefaultValue("./data/secrets.key") String keyFile) {

        @Override
        public String toString() {
            return "Properties[key=" + (key == null || key.isBlank() ? "unset" : "****") + ", keyFile=" + keyFile + "]";
        }
    }

}
