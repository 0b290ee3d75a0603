package com.asaconsole.identity;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
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
        return new LocalUser(account,
                account.roleSet().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }
}
