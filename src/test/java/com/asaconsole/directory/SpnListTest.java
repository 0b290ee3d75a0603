package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An inventory row's SPN list gives back exactly the SPNs put in, whatever characters they hold. */
class SpnListTest {

    @Test
    void spnListsSurviveLineBreaksAndBackslashesInTheirValues() {
        List<String> spns = List.of("HOST/cas1", "http/odd\\name", "http/line\nbreak", "", "\\n", "trailing\\");
        String joined = SpnList.join(spns);
        assertThat(joined.lines()).hasSize(spns.size());
        assertThat(SpnList.split(joined)).containsExactlyElementsOf(spns);
        assertThat(SpnList.split("HOST/only")).containsExactly("HOST/only");
    }
}
