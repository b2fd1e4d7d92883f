-- Interactions from the calendar and the mailbox (issue 16).

-- My own e-mail addresses: the mail import tells sent from received by them, the calendar import leaves me out.
ALTER TABLE profile ADD COLUMN my_emails VARCHAR[] NOT NULL DEFAULT [];

-- Which calendar occurrence or mail day became which interaction, so importing the same file again creates nothing.
-- calendar: key = UID | recurrence id ('' for a single event) | contact id; mail: contact id | day | direction.
CREATE TABLE interaction_sources (
    source VARCHAR NOT NULL CHECK (source IN ('calendar', 'mail')),
    key VARCHAR NOT NULL,
    contact_id VARCHAR NOT NULL,
    interaction_id VARCHAR NOT NULL,
    import_run_id VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, key)
);

-- Upcoming meetings with contacts, as the last calendar import saw them: Today shows them with the hooks of the
-- last conversation. A later import of the same calendar replaces the rows of the UIDs it contains.
CREATE TABLE calendar_meetings (
    uid VARCHAR NOT NULL,
    occurrence VARCHAR NOT NULL,                   -- UID | recurrence id
    contact_id VARCHAR NOT NULL,
    starts_at TIMESTAMP NOT NULL,                  -- local wall time (all-day: midnight)
    all_day BOOLEAN NOT NULL DEFAULT false,
    title VARCHAR NOT NULL DEFAULT '',
    channel VARCHAR NOT NULL,
    in_person BOOLEAN NOT NULL DEFAULT false,
    place VARCHAR,
    import_run_id VARCHAR,
    PRIMARY KEY (occurrence, contact_id)
);
