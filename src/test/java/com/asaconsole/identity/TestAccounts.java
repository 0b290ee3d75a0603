package com.asaconsole.identity;

import java.time.Instant;
import java.util.EnumSet;

import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Test-only: a local account with the given role, stored the way the console stores accounts. */
public final class TestAccounts {

    private static final java.util.regex.Pattern TOKEN_VALUE = java.util.regex.Pattern.compile("id=\"token-value\">(asa_[A-Za-z0-9_-]+)<");

    private TestAccounts() {
    }

    public static void create(ApplicationContext context, String username, String password, String role, String... moreRoles) {
        LocalAccountRepository accounts = context.getBean(LocalAccountRepository.class);
        String hash = context.getBean(PasswordEncoder.class).encode(password);
        EnumSet<Role> roles = EnumSet.of(Role.valueOf(role));
        for (String more : moreRoles) {
            roles.add(Role.valueOf(more));
        }
        accounts.save(LocalAccount.create(username, username, hash, roles, Instant.now()));
    }

    /**
     * Signs in on the form and creates an API token on the tokens page, as its owner would; answers the value the
     * page shows once. {@code scope}: blank for all the owner's roles, a role name, or SCRAPE.
     */
    public static String apiToken(org.springframework.test.web.servlet.MockMvc mvc, String username, String password, String name,
            String scope) throws Exception {
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("username", username).param("password", password))
                .andReturn().getRequest().getSession(false);
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/account/api-tokens")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .session(session).param("name", name).param("days", "30").param("scope", scope))
                .andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher m = TOKEN_VALUE.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no token on the page for " + username + ": " + page);
        }
        return m.group(1);
    }

    /** The request with {@code Authorization: Bearer <token>}, as a script sends it. */
    public static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder bearer(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    /** A refused sign-in: back to the sign-in page, whose address names the note that says why ({@code /login?error=<id>}). */
    public static org.springframework.test.web.servlet.ResultMatcher signInRefused() {
        return result -> org.assertj.core.api.Assertions.assertThat(result.getResponse().getRedirectedUrl()).as("where a refused sign-in leads")
                .matches("/login\\?error=[A-Za-z0-9_-]{16}");
    }

    /** The sign-in page a refused sign-in leads to, with its sentence (needs no session: the address names it). */
    public static String pageAfter(org.springframework.test.web.servlet.MockMvc mvc, org.springframework.test.web.servlet.MvcResult refused)
            throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(refused.getResponse().getRedirectedUrl()))
                .andReturn().getResponse().getContentAsString();
    }
}
