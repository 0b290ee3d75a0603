package com.asaconsole.planning;

/** How much a finding matters: BLOCK stops the plan from being submitted for change. */
public enum Severity {
    BLOCK, WARN, INFO
}
