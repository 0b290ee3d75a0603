package com.asaconsole.identity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.kerberos.authentication.KerberosServiceRequestToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Turns Spring Security's sign-in events into the console's own, for the audit trail. No password ever goes along. */
@Component
class SignInEvents {

    private final ApplicationEventPublisher events;

    SignInEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication a = event.getAuthentication();
        if (a.getPrincipal() instanceof ConsoleUserDetails details) {
            events.publishEvent(new SignedIn(details.user(), address(a)));
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication a = event.getAuthentication();
        String method = a instanceof KerberosServiceRequestToken ? ConsoleUser.KERBEROS : "PASSWORD";
        events.publishEvent(new SignInFailed(a.getName(), method, address(a), LoginController.sentenceFor(event.getException())));
    }

    private static String address(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
