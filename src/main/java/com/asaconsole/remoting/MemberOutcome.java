package com.asaconsole.remoting;

import java.time.Duration;

/**
 * What one member of a rollout answered: its result, or the failure sentence.
 *
 * @param result the operation's result, or null when it failed
 * @param failure why it failed, or null when it succeeded
 */
public record MemberOutcome<R>(CasEndpoint member, R result, RemoteOperationFailed failure, Duration elapsed) {

    public boolean succeeded() {
        return failure == null;
    }

    /** "cas1.contoso.test:5986: done in 212 ms" or the failure's sentence. */
    public String sentence() {
        return succeeded() ? member.address() + ": done in " + elapsed.toMillis() + " ms" : failure.getMessage();
    }
}
