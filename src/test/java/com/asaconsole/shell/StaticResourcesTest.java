package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's CSS, scripts, images and the htmx webjar are served without signing in, the layout links
 * htmx by its version, and page links are written as they are.
 */
@ConsoleTest
@AutoConfigureMockMvc
class StaticResourcesTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theConsolesOwnFilesAndHtmxAreServedToAnyone() throws Exception {
        mvc.perform(get("/css/console.css")).andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/js/console.js")).andExpect(status().isOk());
        mvc.perform(get("/img/logo.svg")).andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js")).andExpect(status().isOk())
                .andExpect(header().exists("Last-Modified"));
    }

    /** A new folder under frontend/ needs its mapping in StaticResources (and in security's list). */
    @Test
    void everyFolderOfTheFrontendIsServed() throws Exception {
        Path frontend = Path.of("frontend");
        try (Stream<Path> files = Files.walk(frontend)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String url = "/" + frontend.relativize(file).toString().replace('\\', '/');
                assertThat(mvc.perform(get(url)).andReturn().getResponse().getStatus()).as(url).isEqualTo(200);
            }
        }
    }

    @Test
    void nothingElseOnTheClasspathIsServed() throws Exception {
        mvc.perform(get("/css/../application.yml").with(user("admin").roles("ADMIN"))).andExpect(status().is4xxClientError());
        mvc.perform(get("/application.yml").with(user("admin").roles("ADMIN"))).andExpect(status().is4xxClientError());
        mvc.perform(get("/css/no-such.css")).andExpect(status().isNotFound());
    }

    @Test
    void theLayoutLinksHtmxByVersionAndPagesAsWritten() throws Exception {
        String page = mvc.perform(get("/about").with(user("admin").roles("ADMIN"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("src=\"/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js\"")
                .contains("href=\"/css/console.css\"").contains("src=\"/js/console.js\"").contains("href=\"/img/logo.svg\"")
                .contains("href=\"/audit\"").contains("href=\"/about\"").contains("action=\"/logout\"");
    }

    private static String htmxVersion() {
        return new org.webjars.WebJarVersionLocator().version("htmx.org");
    }
}
