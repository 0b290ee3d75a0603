package com.asaconsole.lab.cas;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.security.auth.kerberos.KerberosKey;

/**
 * Writes a keytab (MIT format 0x0502, what {@code samba-tool domain exportkeytab} writes) from keys
 * derived in the JVM: for members whose computer account password the lab set itself, so that a
 * hundred of them need not each wait for samba-tool. The JDK reads it like an exported one.
 */
final class LabKeytab {

    private LabKeytab() {
    }

    static Path write(Path file, List<KerberosKey> keys) {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeShort(0x0502);
            for (KerberosKey key : keys) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream entry = new DataOutputStream(bytes);
                String principal = key.getPrincipal().getName();
                String realm = key.getPrincipal().getRealm();
                String[] components = principal.substring(0, principal.lastIndexOf('@')).split("/");
                entry.writeShort(components.length);
                counted(entry, realm);
                for (String component : components) {
                    counted(entry, component);
                }
                entry.writeInt(key.getPrincipal().getNameType());
                entry.writeInt((int) (System.currentTimeMillis() / 1000));
                entry.writeByte(key.getVersionNumber() & 0xff);
                entry.writeShort(key.getKeyType());
                byte[] encoded = key.getEncoded();
                entry.writeShort(encoded.length);
                entry.write(encoded);
                entry.writeInt(key.getVersionNumber());
                out.writeInt(bytes.size());
                bytes.writeTo(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void counted(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }
}
