package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every gateway operation against the lab's real Samba AD DC, over LDAPS and the Global Catalog. */
@ExtendWith(SambaLab.class)
@LabTest
class ForestDirectoryTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    private static final String OU = "OU=ForestDirectoryTest-" + RUN + "," + SambaDc.BASE_DN;

    private static ForestDirectory directory;

    @BeforeAll
    static void open(SambaDc dc) {
        directory = new DirectoryGateway().open(dc.directoryConnection());
        LabOu.create(dc, OU);
    }

    @AfterAll
    static void cleanUp(SambaDc dc) {
        LabOu.delete(dc, OU);
    }

    @Test
    void discoversTheForest() {
        ForestFacts facts = directory.discover();
        assertThat(facts.defaultNamingContext()).isEqualToIgnoringCase(SambaDc.BASE_DN);
        assertThat(facts.dcHostName()).isEqualToIgnoringCase(SambaDc.HOST);
        assertThat(facts.domains()).anySatisfy(d -> {
            assertThat(d.dnsName()).isEqualToIgnoringCase("contoso.test");
            assertThat(d.netbiosName()).isEqualTo("CONTOSO");
        });
        assertThat(facts.sites()).contains("Default-First-Site-Name");
        assertThat(facts.domainControllers()).anySatisfy(dc -> {
            assertThat(dc.hostName()).isEqualToIgnoringCase(SambaDc.HOST);
            assertThat(dc.site()).isEqualTo("Default-First-Site-Name");
        });
    }

    @Test
    void createsTheAsaWithAesAndResetsItsPassword() {
        PasswordGenerator passwords = new PasswordGenerator();
        AccountState asa = ForestWrites.of(directory).createComputerAccount(OU, "ASA" + RUN, AccountState.AES_ONLY, passwords.generate());
        assertThat(asa.samAccountName()).isEqualTo("ASA" + RUN + "$");
        assertThat(asa.computer()).isTrue();
        assertThat(asa.enabled()).isTrue();
        assertThat(asa.encryptionTypes()).isEqualTo(24);
        assertThat(asa.encryptionVerdict()).startsWith("AES only");
        assertThat(asa.passwordLastSet()).isNotNull();
        int kvno = asa.keyVersion();

        ForestWrites.of(directory).setPassword(asa.dn(), passwords.generate());
        assertThat(directory.readAccount(asa.dn()).keyVersion()).isGreaterThan(kvno);

        assertThat(directory.findAccount("ASA" + RUN + "$")).get().extracting(AccountState::dn).isEqualTo(asa.dn());

        ForestWrites.of(directory).deleteAccount(asa.dn());
        assertThat(directory.findAccount("ASA" + RUN + "$")).isEmpty();
    }

    @Test
    void aUserAccountAsAsaCanBeKeptFromExpiring() {
        AccountState user = ForestWrites.of(directory).createUserAccount(OU, "svc-asa-" + RUN, AccountState.AES_ONLY,
                new PasswordGenerator().generate(), true);
        assertThat(user.computer()).isFalse();
        assertThat(user.passwordNeverExpires()).isTrue();
    }

    @Test
    void spnsFollowSetspnSemantics() {
        AccountState asa = ForestWrites.of(directory).createComputerAccount(OU, "ASB" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        AccountState cas = ForestWrites.of(directory).createComputerAccount(OU, "CAS" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        String spn = "http/mail-" + RUN + ".contoso.test";

        assertThat(directory.whoHolds(spn)).isEmpty();
        assertThat(ForestWrites.of(directory).addSpn(asa.dn(), spn)).isEqualTo(SpnChange.ADDED);
        assertThat(ForestWrites.of(directory).addSpn(asa.dn(), spn.toUpperCase())).as("re-running is a no-op").isEqualTo(SpnChange.ALREADY_PRESENT);
        assertThat(directory.whoHolds(spn)).extracting(SpnOwner::samAccountName).containsExactly("ASB" + RUN + "$");
        assertThat(directory.spnsOf(asa.dn())).containsExactly(spn);

        assertThatThrownBy(() -> ForestWrites.of(directory).addSpn(cas.dn(), spn))
                .isInstanceOf(SpnConflict.class)
                .hasMessage("SPN " + spn + " is already registered on ASB" + RUN + "$ (" + asa.dn() + "). "
                        + "Remove it there first (or move it) before adding it to this account.");
        assertThat(directory.spnsOf(cas.dn())).isEmpty();

        assertThat(ForestWrites.of(directory).removeSpn(asa.dn(), spn)).isEqualTo(SpnChange.REMOVED);
        assertThat(ForestWrites.of(directory).removeSpn(asa.dn(), spn)).isEqualTo(SpnChange.NOT_PRESENT);
        assertThat(directory.whoHolds(spn)).isEmpty();
    }

    @Test
    void movesAnSpnLeftOnACasComputerAccountToTheAsa() {
        AccountState cas = ForestWrites.of(directory).createComputerAccount(OU, "CAT" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        AccountState asa = ForestWrites.of(directory).createComputerAccount(OU, "ASC" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        String spn = "http/outlook-" + RUN + ".contoso.test";
        ForestWrites.of(directory).addSpn(cas.dn(), spn);

        SpnMove move = ForestWrites.of(directory).moveSpn(spn, cas.dn(), asa.dn());

        assertThat(move.removed()).isEqualTo(SpnChange.REMOVED);
        assertThat(move.added()).isEqualTo(SpnChange.ADDED);
        assertThat(directory.whoHolds(spn)).extracting(SpnOwner::dn).containsExactly(asa.dn());
    }

    @Test
    void anAttributeHandedOutByRangeIsReadInFull() throws Exception {
        AccountState many = ForestWrites.of(directory).createComputerAccount(OU, "RNG" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        for (int i = 0; i < 5; i++) {
            ForestWrites.of(directory).addSpn(many.dn(), "http/range" + i + "-" + RUN + ".contoso.test");
        }
        // what AD sends for an attribute with more values than MaxValRange: a first slice, named by its range
        javax.naming.directory.BasicAttributes partial = new javax.naming.directory.BasicAttributes(true);
        partial.put("sAMAccountName", "RNG" + RUN + "$");
        partial.put(new javax.naming.directory.BasicAttribute("servicePrincipalName;range=0-1", "http/range0-" + RUN + ".contoso.test"));
        javax.naming.directory.SearchResult result = new javax.naming.directory.SearchResult(many.dn(), null, partial);
        result.setNameInNamespace(many.dn());
        java.util.List<SpnEntry> entries = new java.util.ArrayList<>();

        new DirectoryGateway().scanReader(directory.connection()).emit(result, entries::add);

        assertThat(entries).extracting(SpnEntry::spn).hasSize(5)
                .allMatch(spn -> spn.startsWith("http/range") && spn.endsWith(RUN + ".contoso.test"));
    }

    @Test
    void hostileSearchInputNeitherBreaksNorWidensAQuery() {
        AccountState asa = ForestWrites.of(directory).createComputerAccount(OU, "ASD" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        ForestWrites.of(directory).addSpn(asa.dn(), "http/hostile-" + RUN + ".contoso.test");
        for (String hostile : new String[] { "*", "http/*", ")(", "*)(servicePrincipalName=*", "x\u0000y", "http/mäil.contoso.test",
                "\\2a", "(|(objectClass=*))" }) {
            assertThat(directory.whoHolds(hostile)).as(hostile).isEmpty();
            assertThat(directory.findAccount(hostile)).as(hostile).isEmpty();
        }
        assertThatThrownBy(() -> ForestWrites.of(directory).addSpn(asa.dn(), "http/mail.contoso.test\u200b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CVE-2026-25177");
    }

    @Test
    void anUntrustedCertificateIsRefused(SambaDc dc) throws Exception {
        String otherCa;
        try (Stream<Path> certs = Files.list(Path.of("/etc/ssl/certs"))) {
            otherCa = Files.readString(certs.filter(p -> p.toString().endsWith(".pem")).findFirst().orElseThrow());
        }
        DirectoryConnection good = dc.directoryConnection();
        ForestDirectory untrusted = new DirectoryGateway().open(new DirectoryConnection(good.forest(), good.ldapsUrl(),
                good.globalCatalogUrl(), good.baseDn(), good.bindPrincipal(), good.bindPassword(), otherCa, null, null));
        assertThatThrownBy(untrusted::discover).isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith("Cannot reach " + SambaDc.HOST + ":636 securely: its certificate is not trusted");
    }

    @Test
    void aWrongBindPasswordIsASentence(SambaDc dc) {
        DirectoryConnection good = dc.directoryConnection();
        ForestDirectory wrong = new DirectoryGateway().open(new DirectoryConnection(good.forest(), good.ldapsUrl(),
                good.globalCatalogUrl(), good.baseDn(), good.bindPrincipal(), "not-the-password".toCharArray(),
                good.trustedCertificatePem(), null, null));
        assertThatThrownBy(wrong::discover).isInstanceOf(DirectoryException.class)
                .hasMessage("The directory refused the bind account's credentials at " + SambaDc.HOST
                        + ":636. Check the account name and password.");
    }

    @Test
    void plainLdapIsRefusedBeforeAnyPasswordIsSent(SambaDc dc) {
        DirectoryConnection good = dc.directoryConnection();
        assertThatThrownBy(() -> new DirectoryConnection(good.forest(), "ldap://" + SambaDc.HOST + ":389", good.globalCatalogUrl(),
                good.baseDn(), good.bindPrincipal(), good.bindPassword(), good.trustedCertificatePem(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with ldaps://");
    }

    @Test
    void aDcThatStopsMidOperationGivesAClearErrorAndNothingIsRecordedAsDone(SambaDc dc) {
        AccountState asa = ForestWrites.of(directory).createComputerAccount(OU, "ASE" + RUN, AccountState.AES_ONLY, new PasswordGenerator().generate());
        String spn = "http/down-" + RUN + ".contoso.test";
        dc.stop();
        try {
            assertThatThrownBy(() -> ForestWrites.of(directory).addSpn(asa.dn(), spn)).isInstanceOf(DirectoryException.class)
                    .hasMessageStartingWith("Cannot reach " + SambaDc.HOST + ":636: the connection was refused.");
        } finally {
            dc.restart();
        }
        assertThat(directory.spnsOf(asa.dn())).doesNotContain(spn);
        assertThat(directory.whoHolds(spn)).isEmpty();
    }

}
