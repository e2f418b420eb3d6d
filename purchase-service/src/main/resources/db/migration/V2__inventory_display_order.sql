-- The export orders option columns by package display order, which the catalog snapshot carries.
ALTER TABLE inventory ADD COLUMN display_order integer NOT NULL DEFAULT 0;
