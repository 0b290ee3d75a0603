package com.asaconsole.identity;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class LocalAccountDetailsService implements UserDetailsService {

    private final LocalAccountRepository accounts;

    LocalAccountDetailsService(LocalAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        LocalAccount account = accounts.findByUsernameIgnoreCase(username)
                .orElseThrow(() -> new UsernameNotFoundException("no local account"));
        String displayName = account.displayName() == null || account.displayName().isBlank() ? account.username()
                : account.displayName();
        ConsoleUser user = new ConsoleUser("local:" + account.id(), account.username(), displayName, ConsoleUser.LOCAL,
                account.roleSet());
        return new ConsoleUserDetails(user, account.passwordHash(), account.enabled(), null, null, account.passwordChangeRequired());
    }
}
