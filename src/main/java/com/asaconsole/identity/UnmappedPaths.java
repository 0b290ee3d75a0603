package com.asaconsole.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Requests that no handler of the console serves, whatever the method. A signed-in person asking for such an address
 * gets "not found" (404), not "not allowed" (403): a 403 for a mistyped link wrongly tells them they lack a role.
 * Paths that some handler serves keep the deny-by-default rule, so this opens nothing that exists.
 */
final class UnmappedPaths implements RequestMatcher {

    private final HandlerMappingIntrospector introspector;

    UnmappedPaths(HandlerMappingIntrospector introspector) {
        this.introspector = introspector;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        try {
            return introspector.getMatchableHandlerMapping(request) == null;
        } catch (Exception servedOtherwise) {
            // e.g. the path is served for another HTTP method, or by a handler mapping that can't say: treat as served
            return false;
        }
    }

    @Override
    public String toString() {
        return "UnmappedPaths";
    }
}
