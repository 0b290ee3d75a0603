package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.asaconsole.ConsoleTest;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Errors reach people as a sentence in the console's layout, never as a stack trace. */
@ConsoleTest
@AutoConfigureMockMvc
class ErrorPagesTest {

    @Autowired
    MockMvc mvc;

    @Test
    void notFound() throws Exception {
        MockHttpServletResponse response = errorPage(404, "/admin/no-such-page");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("There is nothing at this address").contains("ASA Console");
    }

    @Test
    void forbidden() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/admin/local-accounts").with(user("hd").roles("HELPDESK")))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        MockHttpServletResponse page = errorPage(403, "/admin/local-accounts");
        assertThat(page.getContentAsString()).contains("You are not allowed to open this page");
    }

    @Test
    void serverErrorShowsASentenceAndNoInternals() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/error").accept(MediaType.TEXT_HTML).with(user("admin").roles("ADMIN"))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/about")
                .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internals at line 42")))
                .andReturn().getResponse();
        String body = response.getContentAsString();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body).contains("Something went wrong").contains("The console could not finish this request.");
        assertThat(body).doesNotContain("secret internals").doesNotContain("IllegalStateException")
                .doesNotContain("at com.asaconsole").doesNotContain("Whitelabel");
    }

    @Test
    void badRequestGetsItsOwnSentence() throws Exception {
        MockHttpServletResponse response = errorPage(400, "/admin/local-accounts");
        assertThat(response.getContentAsString()).contains("The console could not use this request");
    }

    @Test
    void aBrowserAskingForAMissingThingGetsTheNotFoundPageInTheLayout() throws Exception {
        for (String[] path : new String[][] { { "/changes/999", "There is no change #999." }, { "/plans/999", "There is no plan version 999." },
                { "/jobs/1", "There is no job #1." }, { "/jobs/1/progress", "There is no job #1." },
                { "/changes/999/story", "There is no change #999." }, { "/changes/abc", null }, { "/no-such-page", null },
                { "/topology/servers/999/edit", "No such item: it may have been deleted." },
                { "/inventory/scans/999", "There is no SPN scan #999." } }) {
            MockHttpServletResponse response = mvc.perform(get(path[0]).accept(MediaType.TEXT_HTML, MediaType.ALL)
                    .with(user("admin").roles("ADMIN", "APPROVER"))).andReturn().getResponse();
            String body = response.getContentAsString();
            assertThat(response.getStatus()).as(path[0]).isEqualTo(404);
            assertThat(response.getContentType()).as(path[0]).startsWith("text/html");
            assertThat(body).as(path[0]).contains("There is nothing at this address").contains("class=\"site-nav\"")
                    .doesNotContain("\"status\":").doesNotContain("Exception");
            if (path[1] != null) {
                assertThat(body).as(path[0]).contains(path[1]);
            }
        }
    }

    @Test
    void anApiClientGetsProblemDetailsNeverAPage() throws Exception {
        MockHttpServletResponse change = mvc.perform(get("/changes/999").accept(MediaType.APPLICATION_JSON)
                .with(user("admin").roles("ADMIN"))).andReturn().getResponse();
        assertThat(change.getStatus()).isEqualTo(404);
        assertThat(change.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(change.getContentAsString()).contains("\"status\":404").doesNotContain("<html");

        // under /api/ even a browser's Accept header gets the API's answer
        MockHttpServletResponse plan = mvc.perform(get("/api/plans/999").accept(MediaType.TEXT_HTML, MediaType.ALL)
                .with(user("admin").roles("ADMIN"))).andReturn().getResponse();
        assertThat(plan.getStatus()).isEqualTo(404);
        assertThat(plan.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(plan.getContentAsString()).contains("There is no plan version 999.").doesNotContain("<html");
    }

    @Test
    void aRealLackOfRightsIsStillAForbiddenPage() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/audit").accept(MediaType.TEXT_HTML).with(user("hd").roles("HELPDESK")))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    private MockHttpServletResponse errorPage(int status, String uri) throws Exception {
        return mvc.perform(get("/error").accept(MediaType.TEXT_HTML).with(user("admin").roles("ADMIN"))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, uri)).andReturn().getResponse();
    }
}
