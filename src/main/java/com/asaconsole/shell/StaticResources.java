package com.asaconsole.shell;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The console's CSS, scripts and images, and the htmx webjar, served at exactly the paths security lets through
 * (Boot's own catch-all {@code /**} mapping is off: {@code spring.web.resources.add-mappings=false}).
 * <p>
 * Why: with the resource chain on (webjars), every {@code @{…}} link a page writes is offered to the resource
 * handlers to be versioned. Under a {@code /**} mapping each page link ({@code /audit}, the navigation, paging)
 * was a candidate, looked up in four classpath locations across every jar, and a miss is never cached: about
 * twenty look-ups per page, a third of the audit page's render time. Now only links under these paths are.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    /** The folders of {@code frontend/}, packaged under {@code static/}. */
    private static final String[] FOLDERS = { "css", "js", "img" };

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**").addResourceLocations("classpath:/static/" + folder + "/")
                    .resourceChain(true);
        }
        // version-agnostic webjar links (/webjars/htmx.org/dist/…) resolved to the packaged version
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }
}
