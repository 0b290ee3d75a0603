package com.asaconsole.shell;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every page the path it was asked for, so the navigation can mark the current entry, and who
 * is looking ({@link Viewer}, absent when no one is signed in), so the layout shows their entries.
 * The viewer is a request attribute set by a filter right after the security filters, so it is
 * there for every page, error pages included (an exception handler's view does not get the model's
 * attributes and an unknown address has no handler; Thymeleaf reads request attributes as variables).
 */
@ControllerAdvice
class NavigationAdvice {

    static final String VIEWER = "viewer";

    @ModelAttribute("requestPath")
    String requestPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** After the security filters (which know who it is), before anything renders: error pages included. */
    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> viewerOfEachRequest() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                request.setAttribute(VIEWER, Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setName("viewer");
        return registration;
    }
}
