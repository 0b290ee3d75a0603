package com.asaconsole.topology;

import java.util.ArrayList;
import java.util.List;

/** msDS-SupportedEncryptionTypes bits, for people. */
public final class EncryptionTypes {

    public static final int DES_CBC_CRC = 0x1;
    public static final int DES_CBC_MD5 = 0x2;
    public static final int RC4 = 0x4;
    public static final int AES128 = 0x8;
    public static final int AES256 = 0x10;

    private EncryptionTypes() {
    }

    public static String describe(Integer mask) {
        if (mask == null || mask == 0) {
            return "unset";
        }
        List<String> names = new ArrayList<>();
        if ((mask & DES_CBC_CRC) != 0) {
            names.add("DES-CBC-CRC");
        }
        if ((mask & DES_CBC_MD5) != 0) {
            names.add("DES-CBC-MD5");
        }
        if ((mask & RC4) != 0) {
            names.add("RC4");
        }
        if ((mask & AES128) != 0) {
            names.add("AES128");
        }
        if ((mask & AES256) != 0) {
            names.add("AES256");
        }
        return mask + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
    }
}
