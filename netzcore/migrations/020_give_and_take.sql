-- Contacts I only take from, as of a day: within the two years before it I received something at least twice
-- and gave nothing. The contact's give-and-take balance and the contact list's filter both use it.
CREATE OR REPLACE MACRO only_takes(today) AS TABLE
SELECT contact_id FROM interactions
WHERE occurred_on > CAST(today AS DATE) - 730 AND occurred_on <= today
GROUP BY contact_id
HAVING count(*) FILTER (WHERE coalesce(received, '') <> '') >= 2
   AND count(*) FILTER (WHERE coalesce(gave, '') <> '') = 0;
