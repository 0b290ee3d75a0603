package com.asaconsole.identity;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** A sign-in refused because it could not be recorded in the audit trail (fail closed). */
class SignInNotRecorded extends InternalAuthenticationServiceException {

    SignInNotRecorded(RuntimeException cause) {
        super("Sign-in is not possible right now: the console cannot record it in the audit trail. "
                + "Try again later or tell an administrator.", cause);
    }
}
