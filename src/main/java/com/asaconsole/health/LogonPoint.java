package com.asaconsole.health;

import java.time.Instant;

/** A member's logons by package in one round's window. */
public record LogonPoint(Instant at, long kerberos, long ntlm) {

    /** The Kerberos share in percent, or -1 when there were no logons. */
    public int kerberosShare() {
        long all = kerberos + ntlm;
        return all == 0 ? -1 : (int) (kerberos * 100 / all);
    }
}
