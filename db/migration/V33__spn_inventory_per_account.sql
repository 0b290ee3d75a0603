-- The SPN inventory is kept per account (its SPNs in one value, see SpnList), and only the findings
-- per SPN: the console finds duplicates with an external sort while the scan runs, so no index over every
-- SPN of the forest has to be maintained while the directory is read (docs/performance.md, issue 4).
-- part: 0, or 1, 2 and so on for the further rows of an account whose SPNs do not fit one value.
CREATE TABLE spn_scan_account (
    scan_id        BIGINT NOT NULL,
    account_dn     VARCHAR(2048) NOT NULL,
    sam_account    VARCHAR(256),
    part           INTEGER NOT NULL,
    spns           VARCHAR(1000000) NOT NULL
);

-- DUPLICATE: an SPN whose match key more than one account holds (every holder has a row);
-- SUSPICIOUS: an SPN with an invisible or non-ASCII character.
CREATE TABLE spn_scan_finding (
    scan_id        BIGINT NOT NULL,
    kind           VARCHAR(20) NOT NULL,
    match_key      VARCHAR(1024) NOT NULL,
    spn            VARCHAR(1024) NOT NULL,
    account_dn     VARCHAR(2048) NOT NULL,
    sam_account    VARCHAR(256)
);

-- the indexes first, so that the foreign keys use them (PostgreSQL does not index a foreign key itself; H2 would
-- add an index of its own if none fitted)
CREATE INDEX spn_scan_account_by_scan ON spn_scan_account (scan_id);
CREATE INDEX spn_scan_finding_by_scan ON spn_scan_finding (scan_id, kind, match_key);
ALTER TABLE spn_scan_account ADD CONSTRAINT spn_scan_account_scan FOREIGN KEY (scan_id) REFERENCES spn_scan (id) ON DELETE CASCADE;
ALTER TABLE spn_scan_finding ADD CONSTRAINT spn_scan_finding_scan FOREIGN KEY (scan_id) REFERENCES spn_scan (id) ON DELETE CASCADE;

-- Earlier snapshots keep what they showed: their findings, and each SPN as an inventory row of its own
-- (written as SpnList writes a list: a backslash doubled, a line break as backslash-n). The string literals are
-- standard SQL ('\' is one backslash: PostgreSQL's standard_conforming_strings, on by default) and the line break
-- is a literal one (.gitattributes keeps it LF in every checkout).
INSERT INTO spn_scan_finding (scan_id, kind, match_key, spn, account_dn, sam_account)
SELECT e.scan_id, 'DUPLICATE', e.match_key, e.spn, e.account_dn, e.sam_account
FROM spn_scan_entry e
WHERE EXISTS (SELECT 1 FROM spn_scan_entry o
              WHERE o.scan_id = e.scan_id AND o.match_key = e.match_key AND o.account_dn <> e.account_dn);

INSERT INTO spn_scan_finding (scan_id, kind, match_key, spn, account_dn, sam_account)
SELECT scan_id, 'SUSPICIOUS', match_key, spn, account_dn, sam_account FROM spn_scan_entry WHERE suspicious = TRUE;

INSERT INTO spn_scan_account (scan_id, account_dn, sam_account, part, spns)
SELECT scan_id, account_dn, sam_account, 0, REPLACE(REPLACE(spn, '\', '\\'), '
', '\n') FROM spn_scan_entry;

DROP TABLE spn_scan_entry;
