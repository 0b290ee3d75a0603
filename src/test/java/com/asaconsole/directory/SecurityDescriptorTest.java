package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The DACL reading behind the health checks' "protected from deletion" and "the console may reset
 * the password", on descriptors built byte by byte as MS-DTYP lays them out. (EstateHealthTest reads
 * real ones from the Samba DC.)
 */
class SecurityDescriptorTest {

    static final String CONSOLE = "S-1-5-21-1-2-3-1105";
    static final String ADMINS_GROUP = "S-1-5-21-1-2-3-512";
    static final UUID RESET = SecurityDescriptor.RESET_PASSWORD;

    @Test
    void aDenyOfDeleteAndDeleteSubtreeForEveryoneIsProtection() {
        assertThat(parse(ace(0x01, 0, 0x10040, null, "S-1-1-0")).protectedFromDeletion()).isTrue();
        assertThat(parse(ace(0x01, 0, 0x10000, null, "S-1-1-0")).protectedFromDeletion()).as("Delete subtree missing").isFalse();
        assertThat(parse(ace(0x01, 0, 0x10040, null, "S-1-5-11")).protectedFromDeletion()).as("not Everyone").isFalse();
        assertThat(parse(ace(0x01, 0x08, 0x10040, null, "S-1-1-0")).protectedFromDeletion()).as("inherit-only: children only").isFalse();
        assertThat(parse(ace(0x00, 0, 0x10040, null, "S-1-1-0")).protectedFromDeletion()).as("an allow").isFalse();
        // on the container: Everyone denied Delete child objects, which the protection writes there too
        assertThat(parse(ace(0x01, 0, 0x02, null, "S-1-1-0")).protectsChildren()).isTrue();
        assertThat(parse(ace(0x01, 0, 0x10040, null, "S-1-1-0")).protectsChildren()).isFalse();
    }

    @Test
    void resetPasswordComesFromTheRightOrFullControlForASidInTheTokenAndADenyBeforeItWins() {
        Set<String> token = Set.of(CONSOLE, ADMINS_GROUP, "S-1-1-0");
        assertThat(parse(ace(0x05, 0, 0x100, RESET, CONSOLE)).mayResetPassword(token)).isTrue();
        assertThat(parse(ace(0x05, 0, 0x100, RESET, ADMINS_GROUP)).mayResetPassword(token)).as("through a group").isTrue();
        assertThat(parse(ace(0x00, 0, 0xF01FF, null, ADMINS_GROUP)).mayResetPassword(token)).as("full control").isTrue();
        assertThat(parse(ace(0x00, 0, 0x10000000, null, ADMINS_GROUP)).mayResetPassword(token)).as("GENERIC_ALL").isTrue();
        assertThat(parse(ace(0x05, 0, 0x100, UUID.randomUUID(), CONSOLE)).mayResetPassword(token)).as("another right").isFalse();
        assertThat(parse(ace(0x05, 0, 0x100, RESET, "S-1-5-21-9-9-9-1000")).mayResetPassword(token)).as("someone else").isFalse();
        assertThat(parse(ace(0x06, 0, 0x100, RESET, CONSOLE), ace(0x00, 0, 0xF01FF, null, ADMINS_GROUP)).mayResetPassword(token))
                .as("deny first").isFalse();
        assertThat(parse(ace(0x05, 0x08, 0x100, RESET, CONSOLE)).mayResetPassword(token)).as("inherit-only").isFalse();
        assertThat(parse().mayResetPassword(token)).as("empty DACL").isFalse();
    }

    @Test
    void protectingPutsTheDenyFirstAndKeepsEveryOtherAceAndTheDaclsInheritance() {
        byte[] before = descriptor(0x8004 | 0x0400 | 0x0001, ace(0x00, 0, 0xF01FF, null, ADMINS_GROUP), ace(0x05, 0x10, 0x100, RESET, CONSOLE));
        assertThat(SecurityDescriptor.parse(before).protectedFromDeletion()).isFalse();
        byte[] after = SecurityDescriptor.withDenyFirst(before, SecurityDescriptor.EVERYONE, SecurityDescriptor.DELETE | SecurityDescriptor.DELETE_TREE);
        SecurityDescriptor sd = SecurityDescriptor.parse(after);
        assertThat(sd.protectedFromDeletion()).isTrue();
        assertThat(sd.dacl()).hasSize(3);
        assertThat(sd.dacl().get(0)).isEqualTo(new SecurityDescriptor.Ace(false, 0x10040, null, "S-1-1-0", false));
        assertThat(sd.dacl().subList(1, 3)).isEqualTo(SecurityDescriptor.parse(before).dacl());
        ByteBuffer b = ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Short.toUnsignedInt(b.getShort(2))).as("self-relative, DACL present and auto-inherited; no owner-defaulted bit")
                .isEqualTo(0x8004 | 0x0400);
        assertThat(b.getInt(4)).as("no owner: the write carries the DACL only").isZero();
        assertThat(Short.toUnsignedInt(b.getShort(20 + 2))).as("ACL size").isEqualTo(after.length - 20);
        assertThat(SecurityDescriptor.sidBytes("S-1-5-21-1-2-3-512")).isEqualTo(sid("S-1-5-21-1-2-3-512"));
    }

    static byte[] descriptor(int control, byte[]... aces) {
        ByteArrayOutputStream acl = new ByteArrayOutputStream();
        for (byte[] a : aces) {
            acl.writeBytes(a);
        }
        ByteBuffer sd = ByteBuffer.allocate(20 + 8 + acl.size()).order(ByteOrder.LITTLE_ENDIAN);
        sd.put((byte) 1).put((byte) 0).putShort((short) control).putInt(0).putInt(0).putInt(0).putInt(20);
        sd.put((byte) 4).put((byte) 0).putShort((short) (8 + acl.size())).putShort((short) aces.length).putShort((short) 0);
        sd.put(acl.toByteArray());
        return sd.array();
    }

    // --- MS-DTYP self-relative layout -------------------------------------------------------

    static SecurityDescriptor parse(byte[]... aces) {
        return SecurityDescriptor.parse(descriptor(0x8004, aces));
    }

    static byte[] ace(int type, int flags, int mask, UUID objectType, String sid) {
        byte[] s = sid(sid);
        boolean object = type == 0x05 || type == 0x06;
        int size = 8 + (object ? 4 + (objectType == null ? 0 : 16) : 0) + s.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) type).put((byte) flags).putShort((short) size).putInt(mask);
        if (object) {
            b.putInt(objectType == null ? 0 : 1);
            if (objectType != null) {
                b.put(guid(objectType));
            }
        }
        b.put(s);
        return b.array();
    }

    static byte[] sid(String text) {
        String[] parts = text.split("-");
        List<Long> subs = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            subs.add(Long.parseLong(parts[i]));
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * subs.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) subs.size());
        long authority = Long.parseLong(parts[2]);
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (authority >> (8 * i)));
        }
        subs.forEach(v -> b.putInt((int) (long) v));
        return b.array();
    }

    /** A GUID as AD stores it: the first three fields little-endian. */
    static byte[] guid(UUID uuid) {
        ByteBuffer be = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] b = be.array();
        return new byte[] { b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15] };
    }
}
