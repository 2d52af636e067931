-- Top photo credits: the organizations (and via-distributors) that supply the
-- most pictures, and how much of that is file photos or handouts.
-- Run: newsetl sql -f sql/queries/top_credits.sql
SELECT
    coalesce(organization, '(uncredited)') AS organization,
    coalesce(distributor, '') AS via,
    photos,
    articles,
    photographers,
    file_photo_share,
    handout_share
FROM v_photo_credits
ORDER BY photos DESC, organization, via
LIMIT 20;
