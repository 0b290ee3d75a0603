package com.asaconsole.shell;

import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.identity.Role;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is looking at a page, as the layout needs it: the name in the header and which navigation
 * entries their roles open. Worked out once per request ({@link NavigationAttributes}) instead of a
 * {@code sec:authorize} expression per entry, each of which looks up the expression handler and
 * parses its expression again (a fifth of the layout's cost; docs/performance.md). What a role may
 * do is enforced by the security configuration; this only decides what is shown.
 */
record Viewer(String name, boolean admin, boolean approver, boolean helpdesk) {

    static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new Viewer(authentication.getName(), authorities.contains(Role.ADMIN.authority()),
                authorities.contains(Role.APPROVER.authority()), authorities.contains(Role.HELPDESK.authority()));
    }

    /** Any of the console's roles: an account without one sees no navigation. */
    public boolean anyRole() {
        return admin || approver || helpdesk;
    }

    public boolean adminOrApprover() {
        return admin || approver;
    }

    public boolean adminOrHelpdesk() {
        return admin || helpdesk;
    }
}
