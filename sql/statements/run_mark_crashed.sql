-- Called under the run lock: no run can be running now, so a 'running' row was killed.
UPDATE etl_run
SET status = 'crashed',
    message = coalesce(message, 'the run ended without finishing (killed or crashed)')
WHERE status = 'running'
RETURNING run_id;
