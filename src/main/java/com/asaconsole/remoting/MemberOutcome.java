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

    /** For a report: the member and its time when it succeeded, otherwise the failure sentence. */
    public String sentence() {
        return succeeded() ? member.address() + ": done in " + elapsed.toMillis() + " ms" : failure.getMessage();
    }
}
