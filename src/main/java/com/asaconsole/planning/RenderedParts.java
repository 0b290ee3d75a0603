package com.asaconsole.planning;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Parts of the plan pages rendered once and shared: a page of a plan's SPN table, findings and SPN maps is HTML fully
 * determined by the plan's content hash, the page and (for the maps) the states shown, so twenty people reading the
 * same page of a large plan cost one rendering, not twenty (a page of maps is thousands of SVG attributes). The key
 * a caller gives must name everything the part shows; parts use no links, no user and no request data. The
 * HTML was escaped when it was rendered, so the pages insert it as it is. At most 64 parts, held softly (ADR 0018).
 */
@Component
class RenderedParts {

    private static final int MAX_KEPT = 64;

    private final ITemplateEngine templates;
    private final Map<String, SoftReference<String>> rendered = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<String>> eldest) {
            return size() > MAX_KEPT;
        }
    };

    RenderedParts(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The fragment {@code template :: fragment} rendered with {@code variables}, or the rendering made before under {@code key}. */
    String render(String key, String template, String fragment, Map<String, Object> variables) {
        String cacheKey = template + "::" + fragment + "\n" + key;
        synchronized (rendered) {
            SoftReference<String> known = rendered.get(cacheKey);
            String html = known == null ? null : known.get();
            if (html != null) {
                return html;
            }
        }
        String html = templates.process(template, Set.of(fragment), new Context(Locale.ROOT, variables));
        synchronized (rendered) {
            rendered.put(cacheKey, new SoftReference<>(html));
        }
        return html;
    }
}
