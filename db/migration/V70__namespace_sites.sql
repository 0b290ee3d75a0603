-- A load-balanced namespace may be served from several AD sites (one name for a primary and a DR
-- site). The single site column becomes a set; existing namespaces keep their one site.
CREATE TABLE lb_namespace_site (
    lb_namespace_id BIGINT NOT NULL REFERENCES lb_namespace (id),
    site_id         BIGINT NOT NULL REFERENCES ad_site (id),
    PRIMARY KEY (lb_namespace_id, site_id)
);
INSERT INTO lb_namespace_site (lb_namespace_id, site_id) SELECT id, site_id FROM lb_namespace;
ALTER TABLE lb_namespace DROP COLUMN site_id;
