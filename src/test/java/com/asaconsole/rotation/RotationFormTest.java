package com.asaconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The policy form's day fields: a whole number from 1 to 3,650, else a sentence naming the field (never a 400 page). */
class RotationFormTest {

    @Test
    void daysAreWholeNumbersInRangeOrASentenceNamingTheField() {
        assertThat(RotationController.days("Roll every", " 90 ")).isEqualTo(90);
        assertThat(RotationController.days("Approval lasts", "3650")).isEqualTo(3650);
        assertThatThrownBy(() -> RotationController.days("Roll every", "ninety")).isInstanceOf(PolicyRefused.class)
                .hasMessage("Roll every: a whole number of days from 1 to 3650, not \"ninety\".");
        assertThatThrownBy(() -> RotationController.days("Roll every", "0")).isInstanceOf(PolicyRefused.class).hasMessageStartingWith("Roll every:");
        assertThatThrownBy(() -> RotationController.days("Approval lasts", "")).isInstanceOf(PolicyRefused.class)
                .hasMessageStartingWith("Approval lasts:");
        assertThatThrownBy(() -> RotationController.days("Approval lasts", "9".repeat(40))).isInstanceOf(PolicyRefused.class)
                .hasMessageContaining("…");
    }
}
