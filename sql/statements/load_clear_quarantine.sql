-- Paths that now load (or duplicate a loaded file) are no longer quarantined.
DELETE FROM quarantine WHERE path IN (SELECT path FROM incoming_cleared);
