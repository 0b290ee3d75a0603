package com.asaconsole.identity;

import com.asaconsole.directory.DirectoryException;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** For Kerberos single sign-on: the ticket proves who it is (alice@CONTOSO.COM); the directory says what they may do. */
class DirectoryUserDetailsService implements UserDetailsService {

    private final DirectoryAccounts accounts;

    DirectoryUserDetailsService(DirectoryAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String principal) {
        try {
            return accounts.people().findUser(principal).map(u -> accounts.details(u, ConsoleUser.Method.KERBEROS))
                    .orElseThrow(() -> new UsernameNotFoundException("no directory account for this Kerberos principal"));
        } catch (DirectoryException e) {
            throw new UsernameNotFoundException("the directory could not be read: " + e.getMessage());
        }
    }
}
