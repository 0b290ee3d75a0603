package com.asaconsole.planning;

import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/**
 * The SPN maps of a plan for another module's page, coloured by what it knows of their live state
 * ({@link SpnMapMarks}) instead of the deployment's record. Rendered once per key and page
 * ({@link RenderedParts}): the caller's key must name the plan and the marks (e.g. a check round).
 */
@Component
public class SpnMapPictures {

    private final RenderedParts parts;

    SpnMapPictures(RenderedParts parts) {
        this.parts = parts;
    }

    /** @param page the names of the maps drawn, for paging links; html the maps with their legend */
    public record Pictures(String html, Page<String> page) {
    }

    public Pictures live(PlanDocument document, SpnMapMarks marks, String key, int page) {
        Page<SpnMap> maps = SpnMap.page(document, Map.of(), marks, page, PlansController.MAPS_PAGE_SIZE);
        String html = parts.render("live " + key + " " + maps.getNumber(), "planning/pictures", "spn-maps-live",
                Map.of("maps", maps.getContent()));
        return new Pictures(html, maps.map(SpnMap::host));
    }
}
