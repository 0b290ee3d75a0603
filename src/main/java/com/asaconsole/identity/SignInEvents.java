package com.asaconsole.identity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.kerberos.authentication.KerberosServiceRequestToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Kerberos (SPNEGO) sign-ins, which don't pass the password form, as the console's own sign-in
 * events. Password sign-ins are published by {@link ThrottledAuthenticationProvider}.
 */
@Component
class SignInEvents {

    private final ApplicationEventPublisher events;

    SignInEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication a = event.getAuthentication();
        if (a instanceof KerberosServiceRequestToken && a.getPrincipal() instanceof ConsoleUserDetails details) {
            events.publishEvent(new SignInSucceeded(details.stableId(), details.displayName(), details.getUsername(),
                    ConsoleUser.Method.KERBEROS, address(a)));
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication a = event.getAuthentication();
        if (a instanceof KerberosServiceRequestToken) {
            events.publishEvent(new SignInFailed(a.getName(), ConsoleUser.Method.KERBEROS, address(a),
                    LoginController.sentenceFor(event.getException()), false));
        }
    }

    private static String address(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
