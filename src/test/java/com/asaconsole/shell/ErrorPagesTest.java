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

    private MockHttpServletResponse errorPage(int status, String uri) throws Exception {
        return mvc.perform(get("/error").accept(MediaType.TEXT_HTML).with(user("admin").roles("ADMIN"))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, uri)).andReturn().getResponse();
    }
}
