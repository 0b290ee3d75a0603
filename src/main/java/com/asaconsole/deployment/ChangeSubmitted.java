package com.asaconsole.deployment;

import java.util.List;

/**
 * A change was submitted by a person and awaits a second person's review (published in the
 * submitting transaction). Holds names only: the operations stay on the change's page.
 */
public record ChangeSubmitted(long changeId, int planVersion, String submittedBy, List<String> steps, ChangeRequest.Kind kind) {
}
