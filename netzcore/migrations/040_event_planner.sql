-- Event planner: every key an organisation is known by (its normalised name and each alias), so exhibitor
-- lists and target segments meet the organisations of my contacts in one equi-join.
CREATE OR REPLACE MACRO organization_keys() AS TABLE
SELECT id AS organization_id, normalized_name AS key FROM organizations
UNION ALL
SELECT id, lower(trim(unnest(aliases))) FROM organizations WHERE len(aliases) > 0;
