package com.asaconsole.identity;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in person for Spring Security; carries the {@link ConsoleUser} and, for directory users, their objectGUID. */
final class ConsoleUserDetails implements UserDetails, ConsolePrincipal {

    private final ConsoleUser user;
    private final String passwordHash;
    private final boolean enabled;
    private final String directoryGuid;
    private final String forest;
    private final boolean passwordChangeRequired;

    /** Held, besides the roles, by someone signed in with a one-time password: {@link PasswordChangeGate} sends them to change it. */
    static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    ConsoleUserDetails(ConsoleUser user, String passwordHash, boolean enabled, String directoryGuid, String forest) {
        this(user, passwordHash, enabled, directoryGuid, forest, false);
    }

    ConsoleUserDetails(ConsoleUser user, String passwordHash, boolean enabled, String directoryGuid, String forest,
            boolean passwordChangeRequired) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.directoryGuid = directoryGuid;
        this.forest = forest;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    /** The same person after choosing their own password. */
    ConsoleUserDetails passwordChanged() {
        return new ConsoleUserDetails(user, null, enabled, directoryGuid, forest, false);
    }

    ConsoleUser user() {
        return user;
    }

    @Override
    public String stableId() {
        return user.stableId();
    }

    @Override
    public String displayName() {
        return user.displayName();
    }

    String directoryGuid() {
        return directoryGuid;
    }

    String forest() {
        return forest;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>(user.roles().stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList());
        if (passwordChangeRequired) {
            authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "ConsoleUserDetails[" + user.stableId() + ", " + user.username() + ", " + user.method() + "]";
    }
}
