-- Who supplies the pictures: photos per organization and distributor (the
-- `via` party), with the share of file photos and handouts. Uncredited photos
-- form the row where both are NULL.
CREATE OR REPLACE VIEW v_photo_credits AS
SELECT
    organization,
    distributor,
    count(*) AS photos,
    count(DISTINCT article_id) AS articles,
    count(DISTINCT photographer) AS photographers,
    round(avg(CASE WHEN is_file_photo THEN 1.0 ELSE 0.0 END), 3) AS file_photo_share,
    round(avg(CASE WHEN is_handout THEN 1.0 ELSE 0.0 END), 3) AS handout_share,
    min(photo_date) AS first_photo_date,
    max(photo_date) AS last_photo_date
FROM image
GROUP BY organization, distributor;
