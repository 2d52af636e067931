-- Quarantine triage: what is in quarantine now, largest groups first, with
-- one example file per reason to open. Fixed files leave the quarantine on
-- the next run that sees them.
-- Run: newsetl sql -f sql/queries/quarantine_triage.sql
SELECT
    reason,
    files,
    bytes,
    last_quarantined_at,
    example_path,
    example_detail
FROM v_quarantine_summary
ORDER BY files DESC, reason;
