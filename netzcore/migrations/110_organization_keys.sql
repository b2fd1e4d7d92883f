-- Organisation keys ignore accents and many more legal forms ('Müller Sp. z o.o.' -> 'muller'). The keys of a
-- database made before are computed again by organizations.refresh_organization_keys (a Python step that
-- db.migrate runs with this migration): organizations.normalized_name, exhibitors.normalized_name and
-- segments.organization_keys.
SELECT 1;
