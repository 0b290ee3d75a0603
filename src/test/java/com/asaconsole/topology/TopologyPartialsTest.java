package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The topology lists' htmx deletes: only the list fragment comes back, with the outcome as a sentence. */
@ConsoleTest
@AutoConfigureMockMvc
class TopologyPartialsTest {

    static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");
    static final RequestPostProcessor HELPDESK = user("hal").roles("HELPDESK");

    @Autowired MockMvc mvc;
    @Autowired ForestEditor forestEditor;
    @Autowired SiteEditor siteEditor;
    @Autowired ServerEditor serverEditor;
    @Autowired SiteRepository sites;

    @Test
    void anHtmxDeleteAnswersOnlyTheListWithoutLayoutChrome() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Forest forest = forestEditor.save(null, new ForestForm("hx" + tag + ".example", "HX" + tag, "ldaps://dc01.hx" + tag + ".example:636",
                "ldaps://dc01.hx" + tag + ".example:3269", "OU=Service Accounts,DC=hx" + tag + ",DC=example", null, null));
        Site kept = siteEditor.save(null, new SiteForm(forest.id(), "Kept-" + tag, null));
        Site gone = siteEditor.save(null, new SiteForm(forest.id(), "Gone-" + tag, null));
        serverEditor.save(null, new ServerForm("ex01.hx" + tag + ".example", kept.id(), ExchangeVersion.EXCHANGE_2019, WindowsServer.WS2022,
                "http://ex01.hx" + tag + ".example/PowerShell", WinRmAuth.KERBEROS, false, null, null));

        // the full page offers the htmx delete on every row, and still works as a plain form
        String page = mvc.perform(get("/topology/sites").with(ADMIN)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html").contains("class=\"topology-list\"")
                .contains("hx-post=\"/topology/sites/" + gone.id() + "/delete\"").contains("hx-target=\"closest .topology-list\"");

        String partial = mvc.perform(htmx(post("/topology/sites/" + gone.id() + "/delete")).param("version", "0").with(ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(partial.strip()).startsWith("<div class=\"topology-list\" id=\"list\">").endsWith("</div>");
        assertThat(partial).doesNotContain("<html").doesNotContain("<head").doesNotContain("site-nav").doesNotContain("<footer")
                .doesNotContain("sub-nav")
                .contains("Site Gone-" + tag + " deleted.").contains("Kept-" + tag).doesNotContain(">Gone-" + tag + "<");
        assertThat(sites.findById(gone.id())).isEmpty();

        // a refused delete answers the list with the sentence saying why
        String refused = mvc.perform(htmx(post("/topology/sites/" + kept.id() + "/delete")).param("version", "0").with(ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).doesNotContain("<html").contains("role=\"alert\"")
                .contains("Site Kept-" + tag + " still holds server ex01.hx" + tag + ".example; move them to another site or delete them first.");
        assertThat(sites.findById(kept.id())).isPresent();

        // roles are the same for the partial: helpdesk is refused; without htmx the redirect is unchanged
        mvc.perform(htmx(post("/topology/sites/" + kept.id() + "/delete")).param("version", "0").with(HELPDESK))
                .andExpect(status().isForbidden());
        mvc.perform(post("/topology/sites/" + kept.id() + "/delete").with(csrf()).param("version", "0").with(ADMIN))
                .andExpect(redirectedUrl("/topology/sites"));
    }

    private static MockHttpServletRequestBuilder htmx(MockHttpServletRequestBuilder request) {
        return request.header("HX-Request", "true").with(csrf());
    }
}
