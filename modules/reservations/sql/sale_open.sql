-- Asked only after a write made no rows: is the event still on sale? (In a transaction the row
-- then stays locked, as it would have been by the write.)
SELECT event_lock_for_sale($1) AS open
