-- Lost updates (issue 15, item 8): every row a form edits carries the time of its last change. A form remembers
-- the updated_at of the row it was filled from; a save whose row changed since (in another window, by an import)
-- is refused with "changed in the meantime: reload" and changes nothing. contacts has had updated_at since 001.
-- Nullable: DuckDB cannot add a NOT NULL column to a filled table with a key; existing rows get the time of this
-- migration, and every save sets it.
ALTER TABLE goals ADD COLUMN updated_at TIMESTAMP DEFAULT current_timestamp;
ALTER TABLE segments ADD COLUMN updated_at TIMESTAMP DEFAULT current_timestamp;
ALTER TABLE events ADD COLUMN updated_at TIMESTAMP DEFAULT current_timestamp;
