package com.asaconsole.identity;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in local account: Spring Security's user plus the account's stable id and name. */
class LocalUser extends User implements ConsolePrincipal {

    private final long accountId;
    private final String displayName;

    LocalUser(LocalAccount account, Collection<? extends GrantedAuthority> authorities) {
        super(account.username(), account.passwordHash(), account.enabled(), true, true, true, authorities);
        this.accountId = account.id();
        this.displayName = account.displayName() == null || account.displayName().isBlank() ? account.username()
                : account.displayName();
    }

    @Override
    public String stableId() {
        return "local:" + accountId;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
