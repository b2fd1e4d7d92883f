-- Identity (issue 11): each contact's own spelling of its organisation, the names a contact is known by, the
-- review queue of possible duplicates, and the merge log from which a merge is undone.

-- The organisation as the source (or the user) wrote it for this contact: "LifeStreet Corporation" for one,
-- "LifeStreet" for another, both in one organisations row (grouped by normalized_name).
ALTER TABLE contacts ADD COLUMN organization_name VARCHAR;
UPDATE contacts SET organization_name = o.name FROM organizations o WHERE o.id = contacts.organization_id;

-- Every name a contact was imported or merged under: a re-import compares a card's name with all of them, so a
-- contact the user renamed (or merged from two names) is still found by its own cards.
CREATE TABLE contact_names (
    contact_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (contact_id, name)
);
INSERT INTO contact_names (contact_id, name) SELECT id, full_name FROM contacts;

-- Two contacts that may be one person, stored with contact_a < contact_b. `evidence` is a JSON list of
-- {"code", "detail"} (netzcore.identity.Evidence); `status` is the user's answer: a pair kept apart is never asked
-- again and never merged by an import.
CREATE TABLE duplicate_pairs (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_a VARCHAR NOT NULL,
    contact_b VARCHAR NOT NULL,
    evidence JSON NOT NULL DEFAULT '[]',
    status VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_apart', 'merged')),
    import_run_id VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    decided_at TIMESTAMP,
    CHECK (contact_a < contact_b),
    UNIQUE (contact_a, contact_b)
);

-- One row per merge: the absorbed contact as it was, the kept contact before and after, every row that referred
-- to the absorbed contact, and the rows the merge brought to the kept one (netzcore.merging). "Split again"
-- restores the two from it and sets split_at.
CREATE TABLE merge_log (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    kept_id VARCHAR NOT NULL,
    absorbed_id VARCHAR NOT NULL,
    absorbed_name VARCHAR NOT NULL,
    snapshot JSON NOT NULL,
    merged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    split_at TIMESTAMP
);
