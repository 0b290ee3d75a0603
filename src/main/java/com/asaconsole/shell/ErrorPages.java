package com.asaconsole.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser gets when a page can't be shown: the console's layout with a sentence and the right status
 * (404 for an unknown address or a missing change, plan, job or item; 400 for a request the page can't use), never
 * Boot's problem JSON or a stack trace. API clients ({@code Accept: application/json}, or any {@code /api/} path)
 * keep RFC 9457 problem details.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(exception = { ErrorResponseException.class, NoHandlerFoundException.class,
            HttpRequestMethodNotSupportedException.class, MissingServletRequestParameterException.class,
            TypeMismatchException.class }, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatusCode status = status(e);
        String sentence = sentence(e, status);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            // a browser asking the API still gets the API's answer
            problem(response, status, sentence, request.getRequestURI());
            return new ModelAndView();
        }
        ModelAndView page = new ModelAndView(status.value() == 404 ? "error/404" : "error/4xx");
        page.addObject("sentence", sentence);
        page.setStatus(status);
        return page;
    }

    private static HttpStatusCode status(Exception e) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch && mismatch.getParameter().hasParameterAnnotation(
                org.springframework.web.bind.annotation.PathVariable.class)) {
            // /changes/abc names no change, just like /changes/999
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof ErrorResponse error) {
            return error.getStatusCode();
        }
        return HttpStatus.BAD_REQUEST;
    }

    /** A sentence our own code wrote (a ResponseStatusException's reason), or null for the page's general one. */
    private static String sentence(Exception e, HttpStatusCode status) {
        if (e instanceof ResponseStatusException rse && rse.getReason() != null && !rse.getReason().isBlank()) {
            return rse.getReason();
        }
        if (status.value() == 405) {
            return "This address can't be used that way. Use the buttons and links on the console's pages.";
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return "The request lacks " + missing.getParameterName() + ". Go back, reload the page and try again.";
        }
        return null;
    }

    private static void problem(HttpServletResponse response, HttpStatusCode status, String sentence, String instance)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status.value());
        if (sentence != null) {
            problem.put("detail", sentence);
        }
        problem.put("instance", instance);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
