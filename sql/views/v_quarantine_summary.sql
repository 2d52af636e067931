-- Files currently quarantined, per reason, with an example to open first.
CREATE OR REPLACE VIEW v_quarantine_summary AS
SELECT
    q.reason,
    count(*) AS files,
    sum(s.size) AS bytes,
    min(q.quarantined_at) AS first_quarantined_at,
    max(q.quarantined_at) AS last_quarantined_at,
    min(q.path) AS example_path,
    arg_min(q.detail, q.path) AS example_detail
FROM quarantine AS q
LEFT JOIN source_file AS s ON s.path = q.path
GROUP BY q.reason;
