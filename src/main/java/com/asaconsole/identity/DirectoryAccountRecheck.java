package com.asaconsole.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.asaconsole.directory.DirectoryException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every few minutes of a directory user's session, asks the directory again whether the account
 * still exists and is enabled; a disabled or deleted account loses its session at once.
 */
class DirectoryAccountRecheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAccountRecheck.class);
    static final String LAST_CHECK = DirectoryAccountRecheck.class.getName() + ".lastCheck";

    private final DirectoryAccounts accounts;
    private final Duration interval;
    private final Clock clock;

    DirectoryAccountRecheck(DirectoryAccounts accounts, Duration interval, Clock clock) {
        this.accounts = accounts;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof ConsoleUserDetails user
                && user.directoryGuid() != null) {
            Long last = (Long) session.getAttribute(LAST_CHECK);
            long now = clock.millis();
            if (last == null) {
                session.setAttribute(LAST_CHECK, now);
            } else if (now - last >= interval.toMillis()) {
                boolean stillEnabled;
                try {
                    stillEnabled = accounts.byGuid(user.directoryGuid()).map(u -> u.enabled()).orElse(false);
                } catch (DirectoryException e) {
                    // the directory is unreachable: keep the session; check again next time
                    log.warn("Could not re-check directory account {}: {}", user.user().stableId(), e.getMessage());
                    stillEnabled = true;
                }
                if (!stillEnabled) {
                    session.invalidate();
                    SecurityContextHolder.clearContext();
                    response.sendRedirect(request.getContextPath() + "/login?disabled");
                    return;
                }
                session.setAttribute(LAST_CHECK, now);
            }
        }
        chain.doFilter(request, response);
    }
}
