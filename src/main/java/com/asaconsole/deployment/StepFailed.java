package com.asaconsole.deployment;

/**
 * A task that could not be done; the message is a sentence for the admin. {@code transientFault}
 * failures (a DC or server that did not answer) are retried with backoff; others pause the job at once.
 */
class StepFailed extends RuntimeException {

    private final boolean transientFault;

    StepFailed(String sentence, boolean transientFault) {
        super(sentence);
        this.transientFault = transientFault;
    }

    static StepFailed permanent(String sentence) {
        return new StepFailed(sentence, false);
    }

    boolean transientFault() {
        return transientFault;
    }
}
