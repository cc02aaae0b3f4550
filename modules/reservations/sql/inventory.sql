-- The general-admission counter of one event; a reserve that finds none creates it.

-- name: inventory
SELECT capacity, taken FROM ga_inventory WHERE event_id = $1

-- name: create_inventory
INSERT INTO ga_inventory (event_id, capacity) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING

-- name: release_expired_places
-- Gives back the places of this event's general-admission holds that have run out.
WITH expired AS (
    UPDATE reservations SET status = 'expired', updated_at = now()
     WHERE event_id = $1 AND seat_id IS NULL AND status = 'held' AND hold_expires_at <= now()
    RETURNING quantity)
UPDATE ga_inventory SET taken = taken - (SELECT coalesce(sum(quantity), 0) FROM expired)
 WHERE event_id = $1
RETURNING capacity - taken AS places_left
