package com.asaconsole.deployment.steps;

/**
 * A task that could not be done; the message is a sentence for the admin. {@code transientFault}
 * failures (a DC or server that did not answer) are retried with backoff; others pause the job at once.
 */
public class StepFailed extends RuntimeException {

    private final boolean transientFault;

    public StepFailed(String sentence, boolean transientFault) {
        super(sentence);
        this.transientFault = transientFault;
    }

    public static StepFailed permanent(String sentence) {
        return new StepFailed(sentence, false);
    }

    public boolean transientFault() {
        return transientFault;
    }
}
