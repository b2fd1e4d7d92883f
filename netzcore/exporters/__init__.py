"""Ways out of netz: JSON, vCard, CSV, iCalendar and the full backup."""
