package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cells of the inventory export: RFC 4180 quoting, and directory values a spreadsheet would run as formulas. */
class InventoryCsvTest {

    @Test
    void quotesWhatCsvNeedsQuotedAndDefusesFormulas() {
        assertThat(cell("HOST/cas1.contoso.com")).isEqualTo("HOST/cas1.contoso.com");
        assertThat(cell("CN=CAS1,OU=Exchange,DC=contoso,DC=com")).isEqualTo("\"CN=CAS1,OU=Exchange,DC=contoso,DC=com\"");
        assertThat(cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(cell("=1+2")).isEqualTo("'=1+2");
        assertThat(cell("+1")).isEqualTo("'+1");
        assertThat(cell("-2")).isEqualTo("'-2");
        assertThat(cell("'quoted")).as("an apostrophe is doubled, so that taking one off restores any value").isEqualTo("''quoted");
        assertThat(cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(cell("\tTAB")).isEqualTo("'\tTAB");
        assertThat(cell("\rCR")).isEqualTo("\"'\rCR\"");
        assertThat(cell("")).as("an empty value, quoted: an empty cell is an absent one").isEqualTo("\"\"");
        assertThat(cell(null)).isEmpty();
    }

    private static String cell(String value) {
        return InventoryCsv.cell(new StringBuilder(), value).toString();
    }
}
