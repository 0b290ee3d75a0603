package com.asaconsole.identity;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/** Someone signed in without any console role sees which groups grant one; everyone else the usual 403 page. */
class NoRoleAwareAccessDeniedHandler implements AccessDeniedHandler {

    private final AccessDeniedHandler standard = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean noRole = authentication != null && authentication.isAuthenticated() && authentication.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().startsWith("ROLE_") && isConsoleRole(a.getAuthority()));
        if (noRole && "GET".equals(request.getMethod()) && !request.getRequestURI().endsWith("/no-access")) {
            response.sendRedirect(request.getContextPath() + "/no-access");
            return;
        }
        standard.handle(request, response, denied);
    }

    private static boolean isConsoleRole(String authority) {
        for (Role role : Role.values()) {
            if (role.authority().equals(authority)) {
                return true;
            }
        }
        return false;
    }
}
