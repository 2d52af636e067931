SELECT * FROM etl_run WHERE run_id = $run_id;
