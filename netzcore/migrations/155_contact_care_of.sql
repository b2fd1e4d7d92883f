-- contact_care_of(today, only_contacts): the care clock of some contacts (a list of ids; NULL: everybody) with the
-- rules of 141, unchanged; contact_care(today) reads it for everybody. The contact list asks for the fifty rows it
-- shows instead of aggregating the whole interaction log for them (13 ms -> 2 ms at 200,000 interactions).
CREATE OR REPLACE MACRO contact_care_of(today, only_contacts) AS TABLE
WITH last AS (
    SELECT contact_id, max(occurred_on) AS last_on, count(*) AS interactions
    FROM interactions
    WHERE occurred_on <= today AND (only_contacts IS NULL OR list_contains(only_contacts, contact_id))
    GROUP BY contact_id
), base AS (
    SELECT c.id AS contact_id, c.tier,
           coalesce(c.cadence_days, tc.cadence_days) AS cadence_days,
           tc.grace_factor,
           last.last_on AS last_interaction_on,
           coalesce(last.interactions, 0) AS interactions,
           coalesce(last.last_on, c.first_due_on - coalesce(c.cadence_days, tc.cadence_days),
                    CAST(c.created_at AS DATE)) AS clock_start
    FROM contacts c
    JOIN tier_cadence tc ON tc.tier = c.tier
    LEFT JOIN last ON last.contact_id = c.id
    WHERE NOT c.archived AND (only_contacts IS NULL OR list_contains(only_contacts, c.id))
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

CREATE OR REPLACE MACRO contact_care(today) AS TABLE SELECT * FROM contact_care_of(today, NULL);
