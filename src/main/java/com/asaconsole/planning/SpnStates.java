package com.asaconsole.planning;

import java.util.Map;

/**
 * What is known about the planned SPNs in the directory, for the SPN map: implemented by a module that can know it
 * (the deployment module, from its jobs and the latest SPN scan). Without one, every SPN shows as planned.
 */
public interface SpnStates {

    /** Where each SPN stands; keys are SPNs in lower case. SPNs missing from the map are {@link SpnState#PLANNED}. */
    Map<String, SpnState> of(PlanDocument plan);

    /** Where a planned SPN stands, as far as the console knows. */
    enum SpnState {
        PLANNED("planned"), REGISTERED("registered"), WRONG_OBJECT("on the wrong object"), DUPLICATE("duplicate");

        private final String label;

        SpnState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
