package com.asaconsole.audit;

import java.util.List;

/**
 * What the verifier found. When the chain is broken, {@code firstBadSeq} names the first record
 * that is missing, altered, rewritten (its seal does not match) or out of place, and
 * {@code problem} says what is wrong in a sentence.
 *
 * @param intact every record, seal, link and checkpoint holds
 * @param recordsChecked records read
 * @param lastSeq the newest record read (0 when none)
 * @param lastHash its hash
 * @param firstBadSeq the first bad record, or null when intact
 * @param problem the sentence, or null when intact
 * @param checkpointsChecked signed checkpoints compared with the chain
 * @param latestCheckpoint the newest genuine checkpoint, or null
 * @param warnings limits of this verification and weaknesses of the set-up (e.g. the console owns the tables)
 * @param unprotected what of the database's protection is missing or switched off (triggers); empty when all holds
 */
public record Verification(boolean intact, long recordsChecked, long lastSeq, String lastHash, Long firstBadSeq,
        String problem, int checkpointsChecked, Checkpoint latestCheckpoint, List<String> warnings, List<String> unprotected) {

    /** The chain is intact and the database still refuses changes to it. */
    public boolean sound() {
        return intact && unprotected.isEmpty();
    }
}
