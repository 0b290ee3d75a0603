package com.asaconsole.health;

/** How one check came out; the order is from good to bad, so the worst of several is the maximum. */
public enum Verdict {
    /** Works as planned. */
    OK,
    /** Works now, but needs attention (RC4 still allowed, a roll overdue, the ASA unprotected). */
    WARN,
    /** Kerberos fails, or will on the next roll. */
    FAIL;

    static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
