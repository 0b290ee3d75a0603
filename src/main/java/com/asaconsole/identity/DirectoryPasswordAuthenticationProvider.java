package com.asaconsole.identity;

import java.util.Arrays;

import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryUser;
import com.asaconsole.directory.WrongCredentials;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Sign-in with an AD account's own password: a simple bind over LDAPS, then the account and its groups. */
class DirectoryPasswordAuthenticationProvider implements AuthenticationProvider {

    private final DirectoryAccounts accounts;

    DirectoryPasswordAuthenticationProvider(DirectoryAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!accounts.enabled()) {
            return null;
        }
        char[] password = authentication.getCredentials() == null ? new char[0]
                : authentication.getCredentials().toString().toCharArray();
        try {
            DirectoryUser user = accounts.people().authenticate(authentication.getName(), password);
            if (!user.enabled()) {
                throw new DisabledException("This account is disabled in Active Directory.");
            }
            ConsoleUserDetails details = accounts.details(user, ConsoleUser.Method.LDAP);
            UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(details, null,
                    details.getAuthorities());
            result.setDetails(authentication.getDetails());
            return result;
        } catch (WrongCredentials e) {
            throw new BadCredentialsException("wrong user name or password");
        } catch (DirectoryException e) {
            throw new AuthenticationServiceException(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
