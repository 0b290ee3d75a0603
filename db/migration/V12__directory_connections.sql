-- How the console reaches each forest's directory; passwords live in the secret table.
CREATE TABLE directory_connection (
    forest                  VARCHAR(255) NOT NULL PRIMARY KEY,
    ldaps_url               VARCHAR(512) NOT NULL,
    global_catalog_url      VARCHAR(512) NOT NULL,
    base_dn                 VARCHAR(512) NOT NULL,
    bind_principal          VARCHAR(512) NOT NULL,
    bind_secret_id          BIGINT NOT NULL REFERENCES secret (id),
    trusted_certificate_pem VARCHAR(16000) NOT NULL,
    probe_principal         VARCHAR(512),
    probe_secret_id         BIGINT REFERENCES secret (id),
    version                 INTEGER NOT NULL
);
