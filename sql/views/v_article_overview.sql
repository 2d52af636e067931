-- One row per article with the size of its photo and link sets: the first
-- table to look at when checking what a run produced.
CREATE OR REPLACE VIEW v_article_overview AS
WITH images AS (
    SELECT
        article_id,
        count(*) AS image_count,
        count(*) FILTER (WHERE is_file_photo) AS file_photo_count,
        count(*) FILTER (WHERE is_handout) AS handout_count
    FROM image
    GROUP BY article_id
),
links AS (
    SELECT
        article_id,
        count(*) AS link_count,
        count(*) FILTER (WHERE link_type = 'recommended') AS recommended_count,
        count(*) FILTER (WHERE link_type = 'hub') AS hub_count,
        count(*) FILTER (WHERE link_type = 'inline') AS inline_count
    FROM related_link
    GROUP BY article_id
)
SELECT
    a.article_id,
    a.title,
    a.publisher,
    a.published_date,
    a.published_date_source,
    a.dateline,
    array_to_string(a.authors, ', ') AS authors,
    len(a.authors) AS author_count,
    a.paragraph_count,
    a.word_count,
    coalesce(i.image_count, 0) AS image_count,
    coalesce(i.file_photo_count, 0) AS file_photo_count,
    coalesce(i.handout_count, 0) AS handout_count,
    coalesce(l.link_count, 0) AS link_count,
    coalesce(l.recommended_count, 0) AS recommended_count,
    coalesce(l.hub_count, 0) AS hub_count,
    coalesce(l.inline_count, 0) AS inline_count,
    a.source_path,
    a.run_id,
    a.loaded_at
FROM article AS a
LEFT JOIN images AS i ON i.article_id = a.article_id
LEFT JOIN links AS l ON l.article_id = a.article_id;
