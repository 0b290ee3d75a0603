package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** What the layout shows follows the roles: a signed-in account without a console role sees no navigation. */
class ViewerTest {

    @Test
    void noOneSignedInIsNoViewer() {
        assertThat(Viewer.of(null)).isNull();
        assertThat(Viewer.of(new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
                .isNull();
        assertThat(Viewer.of(new TestingAuthenticationToken("x", "y"))).as("not authenticated").isNull();
    }

    @Test
    void eachRoleOpensItsEntriesAndNoOther() {
        Viewer helpdesk = Viewer.of(UsernamePasswordAuthenticationToken.authenticated("hd", null, AuthorityUtils.createAuthorityList("ROLE_HELPDESK")));
        assertThat(helpdesk.name()).isEqualTo("hd");
        assertThat(List.of(helpdesk.anyRole(), helpdesk.admin(), helpdesk.adminOrApprover(), helpdesk.adminOrHelpdesk()))
                .containsExactly(true, false, false, true);
        Viewer approver = Viewer.of(UsernamePasswordAuthenticationToken.authenticated("ap", null, AuthorityUtils.createAuthorityList("ROLE_APPROVER")));
        assertThat(List.of(approver.anyRole(), approver.admin(), approver.adminOrApprover(), approver.adminOrHelpdesk()))
                .containsExactly(true, false, true, false);
        Viewer none = Viewer.of(UsernamePasswordAuthenticationToken.authenticated("nr", null, AuthorityUtils.createAuthorityList("SCOPE_x")));
        assertThat(none.anyRole()).as("signed in, but no console role").isFalse();
    }
}
