-- The trade-fair flow (issue 12): how I address each contact in a message, and where each exhibitor stands.
--
-- Form of address, editable per contact (netzcore.messages). NULL means "not set": the salutation and title are
-- then read from honorific_prefix as the import found it ("Frau Dr.", "Prof. Dr.", "Herr"); '' means "none",
-- chosen by the user, so a prefix from the card no longer applies.
ALTER TABLE contacts ADD COLUMN address_form VARCHAR;     -- 'formal' (Sie) or 'informal' (Du); NULL: formal
ALTER TABLE contacts ADD COLUMN salutation VARCHAR;       -- 'ms' (Frau) or 'mr' (Herr), '' none
ALTER TABLE contacts ADD COLUMN academic_title VARCHAR;   -- 'Dr.', 'Prof. Dr.', '' none

-- Hall and stand, read from the exhibitor list ("Halle 12, Stand B34", "H12/B34", "Hall 12 Booth B34", "12.B34";
-- netzcore.events.booths). booth keeps the text as the list wrote it.
ALTER TABLE exhibitors ADD COLUMN hall VARCHAR;
ALTER TABLE exhibitors ADD COLUMN stand VARCHAR;

-- Lists imported before this migration: the usual forms ("Halle 12, B34", "Hall 12, Stand B34"); anything else
-- stays a stand as written.
UPDATE exhibitors SET
    hall = nullif(upper(regexp_extract(booth, '(?i)\b(?:halle|hall|h)\s*[-.:]?\s*([a-z]?\d+(?:\.\d+)?[a-z]?)\b', 1)), ''),
    stand = nullif(trim(coalesce(
        nullif(regexp_extract(booth, '(?i)\b(?:stand|booth)\s*[-.:#]?\s*([a-z0-9][a-z0-9./-]*)', 1), ''),
        regexp_replace(booth, '(?i)\b(?:halle|hall|h)\s*[-.:]?\s*([a-z]?\d+(?:\.\d+)?[a-z]?)\b', '')), ' ,;/|.-'), '')
WHERE trim(coalesce(booth, '')) <> '';
