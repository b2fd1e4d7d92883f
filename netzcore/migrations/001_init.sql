-- netz schema, version 1. Never edit once landed: add 002_*.sql instead.
-- Keys are uuidv7 strings (time-ordered, safe to create in importers and to merge).
-- No FOREIGN KEY constraints: DuckDB cannot alter or update such tables freely; netzcore keeps references whole.

CREATE TABLE profile (
    id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    full_name VARCHAR NOT NULL DEFAULT '',
    activity VARCHAR NOT NULL DEFAULT '',          -- what I do (elevator pitch, part 2)
    value_proposition VARCHAR NOT NULL DEFAULT '', -- the value I bring (elevator pitch, part 3)
    elevator_pitch VARCHAR NOT NULL DEFAULT '',
    offer VARCHAR NOT NULL DEFAULT '',             -- what I offer the network
    home_region VARCHAR NOT NULL DEFAULT 'DE',     -- ISO 3166 region for phone numbers without country code
    city VARCHAR NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
INSERT INTO profile (id) VALUES (1);

-- Care cadence per tier; NULL cadence = birthday greeting only (tier D by default).
CREATE TABLE tier_cadence (
    tier VARCHAR PRIMARY KEY CHECK (tier IN ('A', 'B', 'C', 'D')),
    cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
    grace_factor DOUBLE NOT NULL DEFAULT 1.5 CHECK (grace_factor >= 1),
    birthday_lead_days INTEGER NOT NULL DEFAULT 0 CHECK (birthday_lead_days >= 0)
);
INSERT INTO tier_cadence VALUES ('A', 60, 1.5, 7), ('B', 90, 1.5, 3), ('C', 180, 1.5, 1), ('D', NULL, 1.5, 0);

-- Small key/value settings (ranking weights, preferences); values are JSON text.
CREATE TABLE app_settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE organizations (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    name VARCHAR NOT NULL,
    normalized_name VARCHAR NOT NULL,              -- lower case, legal form (GmbH, AG, Inc.) and punctuation removed
    aliases VARCHAR[] NOT NULL DEFAULT [],
    field VARCHAR,                                 -- industry or field, e.g. 'Energy'
    kind VARCHAR NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'institution', 'association', 'other')),
    city VARCHAR,
    country VARCHAR,
    website VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE contacts (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    full_name VARCHAR NOT NULL,
    given_name VARCHAR,
    family_name VARCHAR,
    additional_names VARCHAR,
    honorific_prefix VARCHAR,
    honorific_suffix VARCHAR,
    nickname VARCHAR,
    organization_id VARCHAR,                       -- organizations.id
    title VARCHAR,
    department VARCHAR,
    hierarchy_level VARCHAR CHECK (hierarchy_level IN ('executive', 'head', 'specialist')),
    emails VARCHAR[] NOT NULL DEFAULT [],          -- lower-cased
    phones VARCHAR[] NOT NULL DEFAULT [],          -- E.164 where it parses, else as written
    urls VARCHAR[] NOT NULL DEFAULT [],
    linkedin_url VARCHAR,                          -- canonical https://www.linkedin.com/in/<slug>
    xing_url VARCHAR,
    address VARCHAR,
    city VARCHAR,
    region VARCHAR,
    postal_code VARCHAR,
    country VARCHAR,
    birthday_year INTEGER,                         -- NULL: birthday known without year
    birthday_month INTEGER CHECK (birthday_month BETWEEN 1 AND 12),
    birthday_day INTEGER CHECK (birthday_day BETWEEN 1 AND 31),
    tier VARCHAR NOT NULL DEFAULT 'D' CHECK (tier IN ('A', 'B', 'C', 'D')),
    cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),  -- overrides the tier's cadence
    preferred_channel VARCHAR,
    tags VARCHAR[] NOT NULL DEFAULT [],
    topics VARCHAR[] NOT NULL DEFAULT [],
    how_met VARCHAR,
    sources VARCHAR[] NOT NULL DEFAULT [],         -- 'vcard', 'linkedin', 'manual', 'demo', ...
    notes VARCHAR,
    photo BLOB,                                    -- small JPEG thumbnail, never fetched from a URL
    edited_fields VARCHAR[] NOT NULL DEFAULT [],   -- fields the user changed in netz: re-import leaves them alone
    archived BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Keys that identify a contact across imports: normalised email, E.164 phone, canonical LinkedIn URL,
-- or a source's own key (vCard UID, file + card position).
CREATE TABLE contact_identities (
    contact_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('email', 'phone', 'linkedin', 'uid', 'source_key')),
    value VARCHAR NOT NULL,
    source VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (contact_id, kind, value)
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'other'
        CHECK (kind IN ('trade_fair', 'conference', 'talk', 'association', 'sports', 'other')),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    city VARCHAR,
    venue VARCHAR,
    topics VARCHAR[] NOT NULL DEFAULT [],
    url VARCHAR,
    notes VARCHAR,
    debriefed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE interactions (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_id VARCHAR NOT NULL,
    occurred_on DATE NOT NULL,
    channel VARCHAR NOT NULL CHECK (channel IN ('lunch', 'meeting', 'call', 'video_call', 'email', 'linkedin',
        'xing', 'event', 'sports', 'birthday_greeting', 'other')),
    in_person BOOLEAN NOT NULL DEFAULT false,
    topics VARCHAR[] NOT NULL DEFAULT [],
    hooks VARCHAR,                                 -- what to pick up next time
    gave VARCHAR,                                  -- what I gave
    received VARCHAR,                              -- what I received
    follow_up_on DATE,
    follow_up_done BOOLEAN NOT NULL DEFAULT false,
    event_id VARCHAR,
    notes VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE tier_history (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_id VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    old_tier VARCHAR CHECK (old_tier IN ('A', 'B', 'C', 'D')),
    new_tier VARCHAR NOT NULL CHECK (new_tier IN ('A', 'B', 'C', 'D')),
    reason VARCHAR NOT NULL DEFAULT ''
);

-- Each observed position of a contact; a new row with another organisation or title is a job change.
CREATE TABLE career_history (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_id VARCHAR NOT NULL,
    organization VARCHAR,
    title VARCHAR,
    observed_on DATE NOT NULL,
    source VARCHAR,                                -- 'vcard', 'linkedin', 'manual', ...
    import_run_id VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Who knows whom; undirected, stored with contact_a < contact_b.
CREATE TABLE relationships (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_a VARCHAR NOT NULL,
    contact_b VARCHAR NOT NULL,
    how VARCHAR,                                   -- colleagues, former colleagues, association, friends, ...
    strength INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),
    since DATE,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (contact_a < contact_b),
    UNIQUE (contact_a, contact_b)
);

CREATE TABLE introductions (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    contact_a VARCHAR NOT NULL,
    contact_b VARCHAR NOT NULL,
    introduced_on DATE NOT NULL,
    context VARCHAR,
    status VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'no_fit', 'declined')),
    outcome VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Review-queue suggestions the user dismissed, so they do not come back until the facts change.
CREATE TABLE review_dismissals (
    contact_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    dismissed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (contact_id, rule)
);

CREATE TABLE goals (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    title VARCHAR NOT NULL,
    purpose VARCHAR NOT NULL DEFAULT 'reach'
        CHECK (purpose IN ('reach', 'sales_channels', 'expertise', 'employer', 'talent', 'other')),
    expected_value VARCHAR NOT NULL DEFAULT '',
    my_offer VARCHAR NOT NULL DEFAULT '',
    success_criterion VARCHAR NOT NULL DEFAULT '',
    target_count INTEGER CHECK (target_count IS NULL OR target_count > 0),  -- e.g. 5 contacts ...
    target_tiers VARCHAR[] NOT NULL DEFAULT ['A', 'B'],                     -- ... of these tiers ...
    target_levels VARCHAR[] NOT NULL DEFAULT [],                            -- ... at these levels (empty: any)
    target_in_person INTEGER CHECK (target_in_person IS NULL OR target_in_person >= 0),  -- meetings in period
    starts_on DATE NOT NULL DEFAULT current_date,
    target_date DATE,
    status VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'paused', 'dropped')),
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE segments (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    kind VARCHAR NOT NULL CHECK (kind IN ('company', 'institution', 'field', 'topic')),
    name VARCHAR NOT NULL,
    organization_names VARCHAR[] NOT NULL DEFAULT [],  -- names and aliases as the user wrote them
    organization_keys VARCHAR[] NOT NULL DEFAULT [],   -- the same, through organizations.normalize_org_name
    keywords VARCHAR[] NOT NULL DEFAULT [],            -- matched in title, department, tags, organisation field
    topics VARCHAR[] NOT NULL DEFAULT [],              -- matched against contact topics
    levels VARCHAR[] NOT NULL DEFAULT ['executive', 'head', 'specialist'],  -- hierarchy levels wanted
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),  -- 1 = highest
    channels VARCHAR[] NOT NULL DEFAULT [],            -- linkedin, xing, event, association, sports, private
    approach_note VARCHAR NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE goal_segments (
    goal_id VARCHAR NOT NULL,
    segment_id VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, segment_id)
);

-- Manual segment membership on top of the rules: included = false removes a rule match.
CREATE TABLE segment_assignments (
    segment_id VARCHAR NOT NULL,
    contact_id VARCHAR NOT NULL,
    included BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (segment_id, contact_id)
);

CREATE TABLE event_goals (
    event_id VARCHAR NOT NULL,
    goal_id VARCHAR NOT NULL,
    PRIMARY KEY (event_id, goal_id)
);

-- Exhibitors, participants or speakers of an event, matched to organisations where possible.
CREATE TABLE exhibitors (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    event_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    normalized_name VARCHAR NOT NULL,
    organization_id VARCHAR,
    role VARCHAR NOT NULL DEFAULT 'exhibitor' CHECK (role IN ('exhibitor', 'participant', 'speaker')),
    booth VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Whom I plan to meet at an event: outreach pipeline and coffee slot.
CREATE TABLE event_plans (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    event_id VARCHAR NOT NULL,
    contact_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL DEFAULT 'to_ask'
        CHECK (status IN ('to_ask', 'asked', 'confirmed', 'met', 'followed_up', 'declined')),
    slot_start TIMESTAMP,
    slot_end TIMESTAMP,
    place VARCHAR,
    talking_points VARCHAR,
    notes VARCHAR,
    interaction_id VARCHAR,                        -- the debrief's interaction
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (event_id, contact_id),
    CHECK (slot_end IS NULL OR slot_start IS NULL OR slot_end > slot_start)
);

CREATE TABLE import_runs (
    id VARCHAR PRIMARY KEY DEFAULT CAST(uuidv7() AS VARCHAR),
    started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    finished_at TIMESTAMP,
    kind VARCHAR NOT NULL CHECK (kind IN ('vcard', 'linkedin', 'backup', 'exhibitors', 'other')),
    file_names VARCHAR[] NOT NULL DEFAULT [],
    records_read INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    merged INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    report JSON                                    -- the full import report
);

-- Care state of every active contact on a given day: the clock restarts at the last interaction
-- (or when the contact was added); 'due' at the cadence, 'overdue' past cadence x grace factor,
-- 'soon' within a week of due, 'none' for tiers without a cadence (birthday greeting only).
-- days_overdue is negative while time is left.
CREATE MACRO contact_care(today) AS TABLE
WITH last AS (
    SELECT contact_id, max(occurred_on) AS last_on, count(*) AS interactions
    FROM interactions
    WHERE occurred_on <= today
    GROUP BY contact_id
), base AS (
    SELECT c.id AS contact_id, c.tier,
           coalesce(c.cadence_days, tc.cadence_days) AS cadence_days,
           tc.grace_factor,
           last.last_on AS last_interaction_on,
           coalesce(last.interactions, 0) AS interactions,
           coalesce(last.last_on, CAST(c.created_at AS DATE)) AS clock_start
    FROM contacts c
    JOIN tier_cadence tc ON tc.tier = c.tier
    LEFT JOIN last ON last.contact_id = c.id
    WHERE NOT c.archived
)
SELECT contact_id, tier, cadence_days, grace_factor, last_interaction_on, interactions,
       clock_start + cadence_days AS due_on,
       today - (clock_start + cadence_days) AS days_overdue,
       CASE
           WHEN cadence_days IS NULL THEN 'none'
           WHEN today - clock_start >= ceil(cadence_days * grace_factor) THEN 'overdue'
           WHEN today - clock_start >= cadence_days THEN 'due'
           WHEN (clock_start + cadence_days) - today <= 7 THEN 'soon'
           ELSE 'ok'
       END AS due_state
FROM base;

-- Which contacts belong to which target segment: by organisation (name or alias, normalised), by keyword in
-- title, department, tags or the organisation's field, or by a shared topic; manual assignments add or remove.
CREATE MACRO segment_members() AS TABLE
WITH contact_text AS (
    SELECT c.id AS contact_id, c.topics,
           o.normalized_name AS org_key, o.aliases AS org_aliases,
           lower(concat_ws(' ', c.title, c.department, array_to_string(c.tags, ' '), o.field)) AS text
    FROM contacts c
    LEFT JOIN organizations o ON o.id = c.organization_id
    WHERE NOT c.archived
), by_rule AS (
    SELECT s.id AS segment_id, ct.contact_id,
           CASE
               WHEN list_contains(s.organization_keys, ct.org_key) THEN 'organization'
               WHEN len(list_intersect(s.organization_keys, ct.org_aliases)) > 0 THEN 'organization'
               WHEN list_bool_or([contains(ct.text, lower(k)) FOR k IN s.keywords]) THEN 'keyword'
               WHEN len(list_intersect([lower(x) FOR x IN s.topics], [lower(x) FOR x IN ct.topics])) > 0 THEN 'topic'
           END AS matched_by
    FROM segments s, contact_text ct
)
SELECT segment_id, contact_id, matched_by FROM by_rule
WHERE matched_by IS NOT NULL
  AND (segment_id, contact_id) NOT IN (SELECT segment_id, contact_id FROM segment_assignments WHERE NOT included)
UNION
SELECT a.segment_id, a.contact_id, 'manual' FROM segment_assignments a
JOIN contacts c ON c.id = a.contact_id AND NOT c.archived
WHERE a.included;
