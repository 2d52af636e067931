-- Named photographers and the organizations they shot for.
CREATE OR REPLACE VIEW v_photographers AS
SELECT
    photographer,
    organization,
    count(*) AS photos,
    count(DISTINCT article_id) AS articles,
    min(photo_date) AS first_photo_date,
    max(photo_date) AS last_photo_date
FROM image
WHERE photographer IS NOT NULL
GROUP BY photographer, organization;
