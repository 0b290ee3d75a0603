package com.asaconsole.identity;

import com.asaconsole.input.UserNames;

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
        // the database's case-insensitive match is wider than ours (H2 folds the dotless ı to I): compare the keys too
        LocalAccount account = accounts.findByUsernameIgnoreCase(UserNames.clean(username))
                .filter(found -> UserNames.same(found.username(), username))
                .orElseThrow(() -> new UsernameNotFoundException("no local account"));
        String displayName = account.displayName() == null || account.displayName().isBlank() ? account.username()
                : account.displayName();
        ConsoleUser user = new ConsoleUser("local:" + account.id(), account.username(), displayName, ConsoleUser.Method.LOCAL,
                account.roleSet());
        return new ConsoleUserDetails(user, account.passwordHash(), account.enabled(), null, null, account.passwordChangeRequired());
    }
}
