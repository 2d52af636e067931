-- Unqualified names on a writer's connection (or a cursor of it) mean the
-- attached warehouse, not the in-memory host of writer_attach.sql.
USE warehouse;
