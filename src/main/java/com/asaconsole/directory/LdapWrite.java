package com.asaconsole.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.springframework.ldap.support.LdapNameBuilder;

/**
 * One write to the directory, as a value: the DN, add / modify / delete, and each attribute with
 * its values. {@link ForestDirectory} performs its writes from these values and a reviewer reads
 * the same value as LDIF ({@link #ldif()}), so what is shown is what is sent. A secret attribute
 * ({@code unicodePwd}) carries no value here: its value is given only when the write is made, and
 * LDIF shows {@value #MASK}.
 */
public record LdapWrite(String dn, Change change, List<Item> items) {

    public static final String MASK = "********";

    public enum Change { ADD, MODIFY, DELETE }

    /** {@code op} is add, replace or delete within a modify; plain attributes of an add use ADD. */
    public record Item(Op op, String attribute, List<String> values, boolean secret) {
        public enum Op { ADD, REPLACE, DELETE }

        public Item {
            values = List.copyOf(values);
        }
    }

    public LdapWrite {
        items = List.copyOf(items);
    }

    static final int UF_NORMAL_ACCOUNT = 0x200;
    static final int UF_WORKSTATION_TRUST_ACCOUNT = 0x1000;
    static final int UF_DONT_EXPIRE_PASSWD = 0x10000;

    /** A new ASA: a computer account (sAMAccountName NAME$) or a user account, with its encryption types and a password. */
    public static LdapWrite createAccount(String ouDn, String name, boolean computer, int encryptionTypes, boolean passwordNeverExpires) {
        String sam = ForestDirectory.samAccountName(name, computer);
        String cn = computer ? sam.substring(0, sam.length() - 1) : sam;
        String dn = LdapNameBuilder.newInstance(ouDn).add("CN", cn).build().toString();
        int uac = computer ? UF_WORKSTATION_TRUST_ACCOUNT : UF_NORMAL_ACCOUNT | (passwordNeverExpires ? UF_DONT_EXPIRE_PASSWD : 0);
        return new LdapWrite(dn, Change.ADD, List.of(
                new Item(Item.Op.ADD, "objectClass", List.of(computer ? "computer" : "user"), false),
                new Item(Item.Op.ADD, "sAMAccountName", List.of(sam), false),
                new Item(Item.Op.ADD, "userAccountControl", List.of(Integer.toString(uac)), false),
                new Item(Item.Op.ADD, "msDS-SupportedEncryptionTypes", List.of(Integer.toString(encryptionTypes)), false),
                new Item(Item.Op.ADD, "unicodePwd", List.of(), true)));
    }

    public static LdapWrite setPassword(String dn) {
        return new LdapWrite(dn, Change.MODIFY, List.of(new Item(Item.Op.REPLACE, "unicodePwd", List.of(), true)));
    }

    public static LdapWrite setEncryptionTypes(String dn, int encryptionTypes) {
        return new LdapWrite(dn, Change.MODIFY, List.of(new Item(Item.Op.REPLACE, "msDS-SupportedEncryptionTypes",
                List.of(Integer.toString(encryptionTypes)), false)));
    }

    public static LdapWrite addSpn(String dn, String spn) {
        return new LdapWrite(dn, Change.MODIFY, List.of(new Item(Item.Op.ADD, "servicePrincipalName", List.of(spn), false)));
    }

    public static LdapWrite removeSpn(String dn, String spn) {
        return new LdapWrite(dn, Change.MODIFY, List.of(new Item(Item.Op.DELETE, "servicePrincipalName", List.of(spn), false)));
    }

    public static LdapWrite delete(String dn) {
        return new LdapWrite(dn, Change.DELETE, List.of());
    }

    /** The write in LDIF (RFC 2849) as a reviewer reads it; the secret value is masked. */
    public String ldif() {
        StringBuilder s = new StringBuilder("dn: ").append(dn).append('\n');
        s.append("changetype: ").append(change.name().toLowerCase()).append('\n');
        for (Item item : items) {
            if (change == Change.MODIFY) {
                s.append(item.op().name().toLowerCase()).append(": ").append(item.attribute()).append('\n');
            }
            for (String value : item.secret() ? List.of(MASK) : item.values()) {
                s.append(item.attribute()).append(": ").append(value).append('\n');
            }
            if (change == Change.MODIFY) {
                s.append("-\n");
            }
        }
        return s.toString();
    }

    /** The attributes of an add, the secret given now (unicodePwd: the password in quotes, UTF-16LE). */
    BasicAttributes attributes(byte[] secret) {
        BasicAttributes attributes = new BasicAttributes(true);
        for (Item item : items) {
            attributes.put(attribute(item, secret));
        }
        return attributes;
    }

    /** The modifications of a modify, the secret given now. */
    ModificationItem[] modifications(byte[] secret) {
        List<ModificationItem> mods = new ArrayList<>();
        for (Item item : items) {
            int op = switch (item.op()) {
            case ADD -> DirContext.ADD_ATTRIBUTE;
            case REPLACE -> DirContext.REPLACE_ATTRIBUTE;
            case DELETE -> DirContext.REMOVE_ATTRIBUTE;
            };
            mods.add(new ModificationItem(op, attribute(item, secret)));
        }
        return mods.toArray(ModificationItem[]::new);
    }

    private static BasicAttribute attribute(Item item, byte[] secret) {
        if (item.secret()) {
            if (secret == null) {
                throw new IllegalStateException(item.attribute() + " needs its secret value");
            }
            return new BasicAttribute(item.attribute(), secret);
        }
        BasicAttribute attribute = new BasicAttribute(item.attribute());
        item.values().forEach(attribute::add);
        return attribute;
    }
}
