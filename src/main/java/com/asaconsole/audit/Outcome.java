package com.asaconsole.audit;

/** How an audited action ended. An intent record (written before a side effect) is PENDING. */
public enum Outcome {
    SUCCESS, FAILURE, REFUSED, PENDING
}
