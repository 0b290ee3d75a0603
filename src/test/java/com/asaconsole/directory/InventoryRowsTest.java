package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Inventory rows: an account per row, and an account with more SPNs than fit one value over several rows. */
class InventoryRowsTest {

    record Row(String dn, String sam, int part, String spns) {
    }

    @Test
    void anAccountWithMoreSpnsThanFitOneValueIsSplitAndComesBackWhole() throws SQLException {
        List<Row> rows = new ArrayList<>();
        InventoryRows builder = new InventoryRows(40, (dn, sam, part, spns) -> rows.add(new Row(dn, sam, part, spns)));
        List<String> many = List.of("HOST/cas1", "HOST/cas1.contoso.com", "http/mail.contoso.com", "http/a\\b", "WSMAN/cas1");
        for (String spn : many) {
            builder.add(spn, "CN=CAS1,DC=contoso,DC=com", "CAS1$");
        }
        builder.add("HOST/cas2", "CN=CAS2,DC=contoso,DC=com", "CAS2$");
        builder.flush();
        builder.flush(); // nothing more to hand over

        assertThat(rows).allSatisfy(r -> assertThat(r.spns().length()).isLessThanOrEqualTo(40));
        List<Row> cas1 = rows.stream().filter(r -> r.sam().equals("CAS1$")).toList();
        assertThat(cas1).hasSizeGreaterThan(1).extracting(Row::part).containsExactly(
                java.util.stream.IntStream.range(0, cas1.size()).boxed().toArray(Integer[]::new));
        assertThat(cas1.stream().flatMap(r -> SpnList.split(r.spns()).stream()).toList()).containsExactlyElementsOf(many);
        assertThat(rows.get(rows.size() - 1)).isEqualTo(new Row("CN=CAS2,DC=contoso,DC=com", "CAS2$", 0, "HOST/cas2"));
    }
}
