-- The topic rule of 145 looks at each spelling of a topic once. Lowering and trimming every topic of every contact
-- (40,000 at 20,000 contacts) cost more than finding the few spellings that name a segment's topic and joining the
-- contacts' topics to those as they are written (the event ranking by goals 52 -> 50 ms). Otherwise the rules of 145,
-- unchanged; both macros stay in step (tests/core/test_shared_membership.py compares them).
CREATE OR REPLACE MACRO segment_members_of(only_segment) AS TABLE
WITH chosen AS (
    SELECT * FROM segments WHERE only_segment IS NULL OR id = only_segment
), active AS (
    SELECT c.id AS contact_id, c.topics, c.organization_id,
           lower(concat_ws(' ', c.title, c.department, array_to_string(c.tags, ' '), o.field)) AS text
    FROM contacts c
    LEFT JOIN organizations o ON o.id = c.organization_id
    WHERE NOT c.archived
), org_keys AS (
    SELECT id AS organization_id, normalized_name AS org_key FROM organizations
    UNION
    SELECT id, lower(trim(unnest(aliases))) FROM organizations
), seg_orgs AS (
    SELECT id AS segment_id, unnest(organization_keys) AS org_key FROM chosen
), seg_keywords AS (
    SELECT DISTINCT id AS segment_id, lower(trim(k)) AS keyword
    FROM (SELECT id, unnest(keywords) AS k FROM chosen) WHERE trim(k) <> ''
), seg_topics AS (
    SELECT DISTINCT id AS segment_id, lower(trim(unnest(topics))) AS topic FROM chosen WHERE kind IN ('field', 'topic')
), contact_topics AS (
    SELECT contact_id, unnest(topics) AS topic FROM active
), spellings AS (
    -- the contacts' spellings of each segment topic (" Wasserstoff", "WASSERSTOFF"), each spelling looked at once
    SELECT st.segment_id, spelled.topic FROM seg_topics st
    JOIN (SELECT DISTINCT topic FROM contact_topics) spelled ON lower(trim(spelled.topic)) = st.topic
), matches AS (
    SELECT so.segment_id, a.contact_id, 1 AS rank
    FROM seg_orgs so JOIN org_keys ok USING (org_key) JOIN active a USING (organization_id)
    UNION ALL
    SELECT sk.segment_id, a.contact_id, 2 FROM seg_keywords sk JOIN active a ON contains(a.text, sk.keyword)
    UNION ALL
    SELECT sp.segment_id, ct.contact_id, 3 FROM spellings sp JOIN contact_topics ct USING (topic)
), by_rule AS (
    SELECT segment_id, contact_id, (['organization', 'keyword', 'topic'])[min(rank)] AS matched_by
    FROM matches GROUP BY segment_id, contact_id
)
SELECT segment_id, contact_id, matched_by FROM by_rule
WHERE (segment_id, contact_id) NOT IN (SELECT segment_id, contact_id FROM segment_assignments)
UNION ALL
SELECT a.segment_id, a.contact_id, 'manual' FROM segment_assignments a
JOIN contacts c ON c.id = a.contact_id AND NOT c.archived
WHERE a.included AND (only_segment IS NULL OR a.segment_id = only_segment);

-- Every segment's members (the columns of 001's macro).
CREATE OR REPLACE MACRO segment_members() AS TABLE SELECT * FROM segment_members_of(NULL);

CREATE OR REPLACE MACRO segment_members_in(segment_ids) AS TABLE
WITH chosen AS (
    SELECT * FROM segments WHERE list_contains(segment_ids, id)
), org_keys AS (
    SELECT id AS organization_id, normalized_name AS org_key FROM organizations
    UNION
    SELECT id, lower(trim(unnest(aliases))) FROM organizations
), seg_orgs AS (
    SELECT id AS segment_id, unnest(organization_keys) AS org_key FROM chosen
), seg_keywords AS (
    SELECT DISTINCT id AS segment_id, lower(trim(k)) AS keyword
    FROM (SELECT id, unnest(keywords) AS k FROM chosen) WHERE trim(k) <> ''
), seg_topics AS (
    SELECT DISTINCT id AS segment_id, lower(trim(unnest(topics))) AS topic FROM chosen WHERE kind IN ('field', 'topic')
), matches AS (
    SELECT so.segment_id, c.id AS contact_id, 1 AS rank
    FROM seg_orgs so JOIN org_keys ok USING (org_key)
    JOIN contacts c ON c.organization_id = ok.organization_id AND NOT c.archived
    UNION ALL
    SELECT sk.segment_id, a.contact_id, 2 FROM seg_keywords sk JOIN (
        SELECT c.id AS contact_id,
               lower(concat_ws(' ', c.title, c.department, array_to_string(c.tags, ' '), o.field)) AS text
        FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id
        WHERE NOT c.archived
    ) a ON contains(a.text, sk.keyword)
    UNION ALL
    SELECT sp.segment_id, ct.contact_id, 3 FROM (
        SELECT st.segment_id, spelled.topic FROM seg_topics st
        JOIN (SELECT DISTINCT unnest(topics) AS topic FROM contacts WHERE NOT archived) spelled
          ON lower(trim(spelled.topic)) = st.topic
    ) sp JOIN (SELECT id AS contact_id, unnest(topics) AS topic FROM contacts WHERE NOT archived) ct USING (topic)
), by_rule AS (
    SELECT segment_id, contact_id, (['organization', 'keyword', 'topic'])[min(rank)] AS matched_by
    FROM matches GROUP BY segment_id, contact_id
)
SELECT segment_id, contact_id, matched_by FROM by_rule
WHERE (segment_id, contact_id) NOT IN (SELECT segment_id, contact_id FROM segment_assignments)
UNION ALL
SELECT a.segment_id, a.contact_id, 'manual' FROM segment_assignments a
JOIN contacts c ON c.id = a.contact_id AND NOT c.archived
WHERE a.included AND list_contains(segment_ids, a.segment_id);
