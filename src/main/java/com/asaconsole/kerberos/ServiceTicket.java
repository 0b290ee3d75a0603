package com.asaconsole.kerberos;

import java.util.Arrays;

import javax.security.auth.kerberos.KerberosTicket;

/**
 * What a service ticket says about the account that owns the SPN: the encryption type of the
 * ticket (the key the KDC chose from the account's keys) and that key's version number. Both are
 * read from the ticket's unencrypted envelope (RFC 4120, 5.3).
 *
 * @param server the service principal the ticket is for
 * @param ticketEncryptionType etype of the ticket's enc-part, as in event 4769 (0x12 = AES256)
 * @param keyVersion kvno of the service key, or -1 when the KDC left it out
 * @param sessionKeyType etype of the session key
 */
public record ServiceTicket(String server, int ticketEncryptionType, int keyVersion, int sessionKeyType) {

    public static ServiceTicket of(KerberosTicket ticket) {
        int[] envelope = envelope(ticket.getEncoded());
        return new ServiceTicket(ticket.getServer().getName(), envelope[0], envelope[1], ticket.getSessionKeyType());
    }

    public boolean strong() {
        return EncryptionType.isStrong(ticketEncryptionType);
    }

    /** etype and kvno of Ticket.enc-part: [APPLICATION 1] SEQUENCE { ..., [3] EncryptedData }. */
    static int[] envelope(byte[] der) {
        Der ticket = Der.read(der, 0).expect(0x61).firstChild().expect(0x30);
        Der encPart = ticket.child(0xA3).firstChild().expect(0x30);
        int etype = encPart.child(0xA0).firstChild().integer();
        Der kvno = encPart.childOrNull(0xA1);
        return new int[] { etype, kvno == null ? -1 : kvno.firstChild().integer() };
    }

    /** Just enough DER to walk a ticket: tag, length, content. */
    private record Der(byte[] buf, int tag, int start, int end) {

        static Der read(byte[] buf, int offset) {
            if (offset + 2 > buf.length) {
                throw new IllegalArgumentException("truncated ticket");
            }
            int tag = buf[offset] & 0xFF;
            int lenByte = buf[offset + 1] & 0xFF;
            int pos = offset + 2;
            int length;
            if (lenByte < 0x80) {
                length = lenByte;
            } else {
                int n = lenByte & 0x7F;
                if (n == 0 || n > 4 || pos + n > buf.length) {
                    throw new IllegalArgumentException("bad length in ticket");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (buf[pos++] & 0xFF);
                }
            }
            if (length < 0 || pos + length > buf.length) {
                throw new IllegalArgumentException("truncated ticket");
            }
            return new Der(buf, tag, pos, pos + length);
        }

        Der expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("unexpected tag 0x" + Integer.toHexString(tag) + " in ticket");
            }
            return this;
        }

        Der firstChild() {
            return read(buf, start);
        }

        Der child(int childTag) {
            Der found = childOrNull(childTag);
            if (found == null) {
                throw new IllegalArgumentException("missing field 0x" + Integer.toHexString(childTag) + " in ticket");
            }
            return found;
        }

        Der childOrNull(int childTag) {
            int pos = start;
            while (pos < end) {
                Der d = read(buf, pos);
                if (d.tag == childTag) {
                    return d;
                }
                pos = d.end;
            }
            return null;
        }

        int integer() {
            expect(0x02);
            byte[] value = Arrays.copyOfRange(buf, start, end);
            if (value.length == 0 || value.length > 4) {
                throw new IllegalArgumentException("bad integer in ticket");
            }
            int v = value[0]; // sign-extends
            for (int i = 1; i < value.length; i++) {
                v = (v << 8) | (value[i] & 0xFF);
            }
            return v;
        }
    }
}
