package com.asaconsole.directory;

import org.springframework.ldap.support.LdapUtils;

/** The binary identifiers of Active Directory (objectSid, objectGUID) as text, and back. */
final class BinaryIds {

    private BinaryIds() {
    }

    /** S-1-5-21-… from the binary objectSid (null for none). */
    static String sid(byte[] b) {
        if (b == null || b.length < 8) {
            return null;
        }
        // Spring LDAP's conversion is exact for every identifier authority Windows uses (a value in the last byte)
        return LdapUtils.convertBinarySidToString(b);
    }

    /** objectGUID bytes (first three fields little-endian) as the usual text form. */
    static String guid(byte[] b) {
        if (b == null || b.length != 16) {
            return null;
        }
        byte[] be = guidBytes(b);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(be);
        return new java.util.UUID(buf.getLong(), buf.getLong()).toString();
    }

    static byte[] guidBytes(java.util.UUID uuid) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return guidBytes(buf.array());
    }

    /** Swaps between AD's mixed-endian GUID layout and the big-endian one (the swap is its own inverse). */
    private static byte[] guidBytes(byte[] b) {
        return new byte[] { b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15] };
    }
}
