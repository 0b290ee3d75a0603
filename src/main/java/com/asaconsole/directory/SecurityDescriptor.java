package com.asaconsole.directory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The DACL of an object's nTSecurityDescriptor (self-relative form, MS-DTYP 2.4.6), read far enough
 * to answer the two questions the estate checks ask: is the object protected from accidental
 * deletion (a deny ACE for Everyone on Delete and Delete-subtree, what "Protect object from
 * accidental deletion" writes), and may a given token reset its password.
 */
record SecurityDescriptor(List<Ace> dacl) {

    static final String EVERYONE = "S-1-1-0";
    static final String AUTHENTICATED_USERS = "S-1-5-11";
    /** The User-Force-Change-Password extended right ("Reset password"). */
    static final UUID RESET_PASSWORD = UUID.fromString("00299570-246d-11d0-a768-00aa006e0529");

    static final int DELETE = 0x10000;
    static final int DELETE_TREE = 0x40;
    static final int DELETE_CHILD = 0x02;
    static final int CONTROL_ACCESS = 0x100;
    static final int GENERIC_ALL = 0x10000000;

    private static final int INHERIT_ONLY = 0x08;

    /**
     * @param objectType the right or property an object ACE is limited to, or null (applies to all)
     */
    record Ace(boolean allow, int mask, UUID objectType, String sid, boolean inheritOnly) {
    }

    static SecurityDescriptor parse(byte[] sd) {
        ByteBuffer b = ByteBuffer.wrap(sd).order(ByteOrder.LITTLE_ENDIAN);
        int daclOffset = b.getInt(16);
        List<Ace> aces = new ArrayList<>();
        if (daclOffset == 0) {
            return new SecurityDescriptor(aces);
        }
        int count = Short.toUnsignedInt(b.getShort(daclOffset + 4));
        int at = daclOffset + 8;
        for (int i = 0; i < count; i++) {
            int type = Byte.toUnsignedInt(b.get(at));
            int flags = Byte.toUnsignedInt(b.get(at + 1));
            int size = Short.toUnsignedInt(b.getShort(at + 2));
            int mask = b.getInt(at + 4);
            switch (type) {
            case 0x00, 0x01 -> aces.add(new Ace(type == 0x00, mask, null, BinaryIds.sid(slice(sd, at + 8, size - 8)),
                    (flags & INHERIT_ONLY) != 0));
            case 0x05, 0x06 -> {
                int objectFlags = b.getInt(at + 8);
                int p = at + 12;
                UUID objectType = null;
                if ((objectFlags & 0x1) != 0) {
                    objectType = UUID.fromString(BinaryIds.guid(slice(sd, p, 16)));
                    p += 16;
                }
                if ((objectFlags & 0x2) != 0) {
                    p += 16; // inherited object type: which child classes inherit it, not what it grants here
                }
                aces.add(new Ace(type == 0x05, mask, objectType, BinaryIds.sid(slice(sd, p, at + size - p)),
                        (flags & INHERIT_ONLY) != 0));
            }
            default -> {
                // audit and callback ACEs grant nothing
            }
            }
            at += size;
        }
        return new SecurityDescriptor(aces);
    }

    /** Whether Everyone is denied Delete and Delete-subtree on the object itself. */
    boolean protectedFromDeletion() {
        return deniesEveryone(DELETE | DELETE_TREE);
    }

    /**
     * Whether Everyone is denied Delete child objects here: what the protection writes on an object's container, since the
     * directory lets whoever may delete the container's children delete the object, whatever the object's own DACL says.
     */
    boolean protectsChildren() {
        return deniesEveryone(DELETE_CHILD);
    }

    private boolean deniesEveryone(int rights) {
        return dacl.stream().anyMatch(a -> !a.allow() && !a.inheritOnly() && a.objectType() == null && EVERYONE.equals(a.sid())
                && (a.mask() & rights) == rights);
    }

    /**
     * Whether a token holding these SIDs may reset the password: the first ACE (in the DACL's
     * canonical order, denies first) that speaks about the right for one of them decides.
     */
    boolean mayResetPassword(Set<String> token) {
        for (Ace a : dacl) {
            if (a.inheritOnly() || !token.contains(a.sid())) {
                continue;
            }
            boolean coversRight = (a.objectType() == null || RESET_PASSWORD.equals(a.objectType()))
                    && ((a.mask() & CONTROL_ACCESS) != 0 || (a.allow() && (a.mask() & GENERIC_ALL) != 0));
            if (coversRight) {
                return a.allow();
            }
        }
        return false;
    }

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;
    /** DACL auto-inherit request, auto-inherited and protected: how the DACL inherits, kept as they were. */
    private static final int DACL_INHERITANCE_BITS = 0x0100 | 0x0400 | 0x1000;

    /**
     * A self-relative descriptor holding only the DACL of {@code sd} with a deny ACE for {@code sid}
     * on {@code mask} put first (explicit denies come first in canonical order), for a write with the
     * SD flags control set to DACL only. Inherited ACEs are written back as read; the directory
     * recomputes them from the parent anyway.
     */
    static byte[] withDenyFirst(byte[] sd, String sid, int mask) {
        ByteBuffer in = ByteBuffer.wrap(sd).order(ByteOrder.LITTLE_ENDIAN);
        int control = Short.toUnsignedInt(in.getShort(2));
        int daclOffset = in.getInt(16);
        if (daclOffset == 0) {
            throw new DirectoryException("The object has no DACL to add the protection to (everyone has full control): set its "
                    + "permissions in Active Directory first.");
        }
        int aclRevision = Byte.toUnsignedInt(in.get(daclOffset));
        int aclSize = Short.toUnsignedInt(in.getShort(daclOffset + 2));
        int count = Short.toUnsignedInt(in.getShort(daclOffset + 4));
        byte[] sidBytes = sidBytes(sid);
        int aceSize = 8 + sidBytes.length;
        int header = 20;
        ByteBuffer out = ByteBuffer.allocate(header + aclSize + aceSize).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 1).put((byte) 0).putShort((short) (SE_SELF_RELATIVE | SE_DACL_PRESENT | (control & DACL_INHERITANCE_BITS)));
        out.putInt(0).putInt(0).putInt(0).putInt(header);
        out.put((byte) aclRevision).put((byte) 0).putShort((short) (aclSize + aceSize)).putShort((short) (count + 1)).putShort((short) 0);
        out.put((byte) 0x01).put((byte) 0).putShort((short) aceSize).putInt(mask).put(sidBytes);
        out.put(sd, daclOffset + 8, aclSize - 8);
        return out.array();
    }

    /** A SID in its binary form (MS-DTYP 2.4.2.2), from S-1-... text. */
    static byte[] sidBytes(String sid) {
        String[] parts = sid.split("-");
        int subAuthorities = parts.length - 3;
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * subAuthorities);
        b.put((byte) Integer.parseInt(parts[1])).put((byte) subAuthorities);
        long authority = Long.parseLong(parts[2]);
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (authority >>> (8 * i)));
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 3; i < parts.length; i++) {
            b.putInt((int) Long.parseLong(parts[i]));
        }
        return b.array();
    }

    private static byte[] slice(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }
}
