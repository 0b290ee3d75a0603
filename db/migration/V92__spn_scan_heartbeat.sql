-- A running scan's sign of life (issue 13): the node running it sets heartbeat_at every asa.directory.scan-heartbeat;
-- a scan left RUNNING by a node that died is marked FAILED by any node once its heartbeats stop, as a job's are.
-- Scans from before this column count from their start.
ALTER TABLE spn_scan ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
