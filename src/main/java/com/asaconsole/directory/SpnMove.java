package com.asaconsole.directory;

/** Both halves of moving an SPN from a wrong account to the right one. */
public record SpnMove(String spn, String fromDn, SpnChange removed, String toDn, SpnChange added) {
}
