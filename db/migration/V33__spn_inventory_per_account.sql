-- The SPN inventory is kept per account (its SPNs in one value, see SpnInventory), and only the findings
-- per SPN: the console finds duplicates with an external sort while the scan runs, so no index over every
-- SPN of the forest has to be maintained while the directory is read (docs/performance.md, issue 4).
CREATE TABLE spn_scan_account (
    scan_id        BIGINT NOT NULL REFERENCES spn_scan (id) ON DELETE CASCADE,
    account_dn     VARCHAR(2048) NOT NULL,
    sam_account    VARCHAR(256),
    spns           VARCHAR(1000000) NOT NULL
);

-- DUPLICATE: an SPN whose match key more than one account holds (every holder has a row);
-- SUSPICIOUS: an SPN with an invisible or non-ASCII character.
CREATE TABLE spn_scan_finding (
    scan_id        BIGINT NOT NULL REFERENCES spn_scan (id) ON DELETE CASCADE,
    kind           VARCHAR(20) NOT NULL,
    match_key      VARCHAR(1024) NOT NULL,
    spn            VARCHAR(1024) NOT NULL,
    account_dn     VARCHAR(2048) NOT NULL,
    sam_account    VARCHAR(256)
);

CREATE INDEX spn_scan_finding_by_scan ON spn_scan_finding (scan_id, kind, match_key);

-- Earlier snapshots keep what they showed: their findings, and each SPN as an inventory row of its own
-- (written as SpnList writes a list: a backslash doubled, a line break as backslash-n).
INSERT INTO spn_scan_finding (scan_id, kind, match_key, spn, account_dn, sam_account)
SELECT e.scan_id, 'DUPLICATE', e.match_key, e.spn, e.account_dn, e.sam_account
FROM spn_scan_entry e
WHERE EXISTS (SELECT 1 FROM spn_scan_entry o
              WHERE o.scan_id = e.scan_id AND o.match_key = e.match_key AND o.account_dn <> e.account_dn);

INSERT INTO spn_scan_finding (scan_id, kind, match_key, spn, account_dn, sam_account)
SELECT scan_id, 'SUSPICIOUS', match_key, spn, account_dn, sam_account FROM spn_scan_entry WHERE suspicious = TRUE;

INSERT INTO spn_scan_account (scan_id, account_dn, sam_account, spns)
SELECT scan_id, account_dn, sam_account, REPLACE(REPLACE(spn, '\', '\\'), '
', '\n') FROM spn_scan_entry;

DROP TABLE spn_scan_entry;
