package com.asaconsole.deployment.steps;


import java.util.Map;

import com.asaconsole.directory.LdapWrite;
import com.asaconsole.remoting.RenderedScript;
import com.asaconsole.formats.Sha256;

/**
 * One operation a step performs on one target, rendered from the very value the step then executes:
 * an LDAP write as LDIF (the password masked), a remote operation as the PowerShell script a member
 * receives and its standard input (the password masked), or a check that only reads. {@code REFUSED}
 * stands for an operation that can't be rendered (e.g. a WinRM endpoint the console does not use),
 * with the reason; a change holding one is refused at submit.
 */
public record Operation(Kind kind, String on, String text, RenderedScript script) {

    enum Kind { LDAP, WINRM, CHECK, REFUSED }

    static Operation ldap(String on, LdapWrite write) {
        return new Operation(Kind.LDAP, on, write.ldif(), null);
    }

    /** An LDAP write that LDIF can't carry value by value (a security descriptor), in the words of the value it is made from. */
    static Operation ldapText(String on, String text) {
        return new Operation(Kind.LDAP, on, text, null);
    }

    static Operation remote(String on, RenderedScript script) {
        StringBuilder text = new StringBuilder("PowerShell: ").append(scriptId(script)).append(" (text below)\nstandard input:\n");
        for (Map.Entry<String, String> value : new java.util.TreeMap<>(script.arguments()).entrySet()) {
            text.append("  ").append(value.getKey()).append(": ").append(value.getValue()).append('\n');
        }
        return new Operation(Kind.WINRM, on, text.toString(), script);
    }

    static Operation check(String on, String sentence) {
        return new Operation(Kind.CHECK, on, sentence + "\n", null);
    }

    static Operation refused(String sentence) {
        return new Operation(Kind.REFUSED, "nowhere", sentence + "\n", null);
    }

    /** How a script is named where it is listed once for all members: operation, Exchange version and its hash. */
    static String scriptId(RenderedScript script) {
        return "script " + script.operation() + " " + script.version().label() + " " + sha256(script.text()).substring(0, 16);
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
