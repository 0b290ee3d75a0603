package com.asaconsole.directory;

import java.time.Instant;
import java.util.List;

/**
 * What the directory says about an account that holds (or will hold) SPNs.
 *
 * @param encryptionTypes msDS-SupportedEncryptionTypes, or null when unset
 * @param keyVersion msDS-KeyVersionNumber (bumped by every password reset), or null when not readable
 * @param passwordLastSet pwdLastSet, or null when never set
 */
public record AccountState(String dn, String samAccountName, boolean computer, boolean enabled,
        boolean passwordNeverExpires, Integer encryptionTypes, Integer keyVersion, Instant passwordLastSet,
        List<String> spns) {

    public static final int DES_CBC_CRC = 0x1;
    public static final int DES_CBC_MD5 = 0x2;
    public static final int RC4 = 0x4;
    public static final int AES128 = 0x8;
    public static final int AES256 = 0x10;
    /** AES128 + AES256: what the console sets on a new ASA. */
    public static final int AES_ONLY = AES128 | AES256;

    /** Good (AES only), warn (AES and RC4), fail (RC4 only), as the facts file grades them. */
    public String encryptionVerdict() {
        if (encryptionTypes == null) {
            return "unset: the KDC chooses; AES only if the account has AES keys (set 24 to be sure)";
        }
        boolean aes = (encryptionTypes & (AES128 | AES256)) != 0;
        boolean rc4 = (encryptionTypes & RC4) != 0;
        if (aes && !rc4) {
            return "AES only: good";
        }
        if (aes) {
            return "AES and RC4: RC4 should be removed (set 24)";
        }
        return rc4 ? "RC4 only: Kerberos fails from Java and after Windows' 2026 RC4 changes (set 24)" : "no usable type (set 24)";
    }

    public static String describeEncryptionTypes(Integer value) {
        if (value == null) {
            return "unset";
        }
        StringBuilder sb = new StringBuilder();
        if ((value & DES_CBC_CRC) != 0) {
            sb.append("DES-CBC-CRC ");
        }
        if ((value & DES_CBC_MD5) != 0) {
            sb.append("DES-CBC-MD5 ");
        }
        if ((value & RC4) != 0) {
            sb.append("RC4 ");
        }
        if ((value & AES128) != 0) {
            sb.append("AES128 ");
        }
        if ((value & AES256) != 0) {
            sb.append("AES256 ");
        }
        return (sb.length() == 0 ? "none " : sb) + "(" + value + ")";
    }
}
