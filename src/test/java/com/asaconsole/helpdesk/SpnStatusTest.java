package com.asaconsole.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.topology.ModelledEstate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A helpdesk user answers "why does Kerberos fail for this SPN?" against the real DC and KDC. */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@LabTest
class SpnStatusTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    private static final String GOOD = "http/mail-" + RUN + ".contoso.test";
    private static final String RC4 = "http/legacy-" + RUN + ".contoso.test";
    private static boolean seeded;

    @Autowired
    MockMvc mvc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void seed(SambaDc dc) {
        LabDirectory.connect(settings, dc);
        if (!seeded) {
            ForestDirectory directory = new DirectoryGateway().open(dc.directoryConnection());
            String ou = "CN=Computers," + SambaDc.BASE_DN;
            AccountState asa = ForestWrites.of(directory).createComputerAccount(ou, "SASA" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
            ForestWrites.of(directory).addSpn(asa.dn(), GOOD);
            AccountState legacy = ForestWrites.of(directory).createComputerAccount(ou, "SRC4" + RUN, AccountState.RC4, new PasswordGenerator().generate());
            ForestWrites.of(directory).addSpn(legacy.dn(), RC4);
            seeded = true;
        }
    }

    @Test
    void aHealthyAsaSpnShowsItsOwnerAesAndTheKdcTicket() throws Exception {
        String page = mvc.perform(get("/spn-status").param("q", GOOD).with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("SASA" + RUN + "$").contains("AES128 AES256 (24)").contains("AES only: good")
                .contains("The KDC issues a AES256-CTS-HMAC-SHA1-96 (0x12) ticket").contains("Registered once, on SASA" + RUN + "$");

        mvc.perform(get("/api/spn-status").param("q", GOOD).with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lookedUpAs").value("SPN"))
                .andExpect(jsonPath("$.spns[0].owners[0].samAccountName").value("SASA" + RUN + "$"))
                .andExpect(jsonPath("$.spns[0].duplicate").value(false))
                .andExpect(jsonPath("$.spns[0].kdc.ok").value(true))
                .andExpect(jsonPath("$.spns[0].kdc.ticketEncryptionType").value("AES256-CTS-HMAC-SHA1-96 (0x12)"))
                .andExpect(jsonPath("$.spns[0].owners[0].keyVersion").isNumber());
    }

    @Test
    void theStatusSaysWhetherTheSpnIsInThePlanAndOnThePlannedAsa() throws Exception {
        new ModelledEstate(mvc, jdbc, RUN).model2016("SASA" + RUN + "$").storePlan();

        mvc.perform(get("/api/spn-status").param("q", GOOD).with(user("hd").roles("HELPDESK")))
                .andExpect(jsonPath("$.spns[0].plan.plannedAsa").value("SASA" + RUN + "$"))
                .andExpect(jsonPath("$.spns[0].plan.onPlannedAsa").value(true))
                .andExpect(jsonPath("$.spns[0].plan.sentence").value(org.hamcrest.Matchers.matchesPattern(
                        "In plan version \\d+ on SASA" + RUN + "\\$, and registered there\\.")));
        mvc.perform(get("/api/spn-status").param("q", RC4).with(user("hd").roles("HELPDESK")))
                .andExpect(jsonPath("$.spns[0].plan.plannedAsa").doesNotExist())
                .andExpect(jsonPath("$.spns[0].plan.sentence").value(org.hamcrest.Matchers.startsWith("Not in plan version")));
    }

    @Test
    void anRc4OnlyAccountIsFlaggedAndItsKdcCheckFails() throws Exception {
        mvc.perform(get("/api/spn-status").param("q", RC4).with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.spns[0].owners[0].encryptionVerdict").value(org.hamcrest.Matchers.startsWith("RC4 only")))
                .andExpect(jsonPath("$.spns[0].kdc.ok").value(false))
                .andExpect(jsonPath("$.spns[0].kdc.sentence").value(org.hamcrest.Matchers.containsString("RC4")));
    }

    @Test
    void anUnknownSpnSaysNobodyHoldsIt() throws Exception {
        mvc.perform(get("/api/spn-status").param("q", "http/nobody-" + RUN + ".contoso.test").with(user("ap").roles("APPROVER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.spns[0].owners").isEmpty())
                .andExpect(jsonPath("$.spns[0].verdict").value(org.hamcrest.Matchers.startsWith("No account holds")))
                .andExpect(jsonPath("$.spns[0].kdc.sentence").value(org.hamcrest.Matchers.containsString("unknown principal")));
    }

    @Test
    void aHostAndAnAccountFindTheirSpns() throws Exception {
        mvc.perform(get("/api/spn-status").param("q", "mail-" + RUN + ".contoso.test").with(user("hd").roles("HELPDESK")))
                .andExpect(jsonPath("$.lookedUpAs").value("HOST"))
                .andExpect(jsonPath("$.spns[0].spn").value(GOOD));
        mvc.perform(get("/api/spn-status").param("q", "SASA" + RUN).with(user("hd").roles("HELPDESK")))
                .andExpect(jsonPath("$.lookedUpAs").value("ACCOUNT"))
                .andExpect(jsonPath("$.spns[0].spn").value(GOOD));
    }

    @Test
    void hostileQueriesAreAnsweredNotObeyed() throws Exception {
        mvc.perform(get("/api/spn-status").param("q", "*").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.spns").isEmpty());
        mvc.perform(get("/api/spn-status").param("q", "http/*").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.spns[0].owners").isEmpty());
        mvc.perform(get("/api/spn-status").param("q", "x\u0000y").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("The search contains a NUL character."));
        mvc.perform(get("/api/spn-status").param("q", GOOD + "\u200b").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.warning").value(org.hamcrest.Matchers.containsString("CVE-2026-25177")));
        String page = mvc.perform(get("/spn-status").param("q", "<script>alert(1)</script>.x").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void theHtmxRequestGetsOnlyTheResults() throws Exception {
        String partial = mvc.perform(get("/spn-status").param("q", GOOD).header("HX-Request", "true").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(partial).contains("id=\"spn-results\"").contains(GOOD).doesNotContain("<html").doesNotContain("site-header");
    }
}
