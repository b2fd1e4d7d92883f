-- Values an exporter wrote where it had none ('null', 'undefined', 'N/A', 'k.A.', '-') were stored as text by an
-- older netz: a card's TITLE:null showed the job title "null". On a file that holds contacts, the Python step
-- netzcore.contacts.clear_stored_no_values empties them once, by the importers' own rule (normalize.is_no_value).
SELECT 1;
