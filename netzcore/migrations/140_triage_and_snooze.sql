-- Every day in netz (issue 13): which contacts still wait to be sorted into tiers ("Who matters?" after an
-- import), and until when a due contact is snoozed on Today.
--
-- triaged_at: when the user decided the contact's tier (set by hand, kept as is, or created by hand). NULL for
-- contacts an import created and nobody has looked at yet: the triage list.
-- snoozed_until: the due list leaves the contact out until this day (it is back on that day); NULL = not snoozed.
-- first_due_on: a contact sorted into a tier while new (from "Who matters?") is due on this day as long as no
-- interaction is logged, instead of a cadence after the import (migration 141 reads it).
ALTER TABLE contacts ADD COLUMN triaged_at TIMESTAMP;
ALTER TABLE contacts ADD COLUMN snoozed_until DATE;
ALTER TABLE contacts ADD COLUMN first_due_on DATE;

-- Contacts that exist already count as sorted when they were entered by hand or by the demo, or when their tier
-- was ever changed; imported contacts nobody has touched stay in the triage list.
UPDATE contacts SET triaged_at = coalesce(
    (SELECT max(changed_at) FROM tier_history h WHERE h.contact_id = contacts.id), created_at)
WHERE list_has_any(sources, ['manual', 'demo'])
   OR id IN (SELECT contact_id FROM tier_history);
