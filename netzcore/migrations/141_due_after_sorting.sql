-- The care clock of a contact without any interaction starts when it was added, as before, unless the user sorted
-- it into its tier while it was new (contacts.first_due_on, set by "Who matters?"): then it is due on that day,
-- so the people who matter appear on Today right after the sorting instead of a full cadence later.
-- Same columns and rules as 001's macro otherwise.
CREATE OR REPLACE MACRO contact_care(today) AS TABLE
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
           coalesce(last.last_on, c.first_due_on - coalesce(c.cadence_days, tc.cadence_days),
                    CAST(c.created_at AS DATE)) AS clock_start
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
