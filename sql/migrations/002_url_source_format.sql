-- 002_url_source_format: where an article was read from (DATA-CONTRACT.md §2, article).
--
-- url: the canonical URL the dump states (HTML dumps), NULL otherwise.
-- source_format: 'text' or 'html'; every article loaded before this migration
-- came from a text dump.
ALTER TABLE article ADD COLUMN url VARCHAR;
ALTER TABLE article ADD COLUMN source_format VARCHAR;
UPDATE article SET source_format = 'text';
