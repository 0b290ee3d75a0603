package com.asaconsole.shell;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every page, error pages included, the path it was asked for ({@code requestPath}, so the navigation can
 * mark the current entry) and who is looking ({@link Viewer}, absent when no one is signed in, so the layout shows
 * their entries). Both are request attributes set once by a filter right after the security filters (which know
 * who it is): an exception handler's view does not get the model's attributes, an unknown address has no handler,
 * and Thymeleaf reads request attributes as variables. An error dispatch keeps the path first asked for.
 */
@Configuration(proxyBeanMethods = false)
class NavigationAttributes {

    static final String VIEWER = "viewer";
    static final String REQUEST_PATH = "requestPath";

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> viewerOfEachRequest() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                request.setAttribute(REQUEST_PATH, request.getRequestURI().substring(request.getContextPath().length()));
                request.setAttribute(VIEWER, Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setName("viewer");
        return registration;
    }
}
