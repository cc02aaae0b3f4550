-- A venue, its categories and all its seats in one statement: a 20 000-seat map is one round
-- trip and can never be left half-written. Foreign keys are checked at the end of the statement,
-- so the seats see the categories inserted beside them.
-- $1 name, $2 address, $3 timezone, $4 seated, $5 capacity, $6 created_by,
-- $7 category names, $8 colours (positions follow array order),
-- $9 sections, $10 rows, $11 numbers, $12 labels, $13 categories, $14 x, $15 y (seats, in step).
WITH v AS (
    INSERT INTO venues (name, address, timezone, seated, capacity, created_by)
    VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id
), c AS (
    INSERT INTO venue_categories (venue_id, name, color, position)
    SELECT v.id, t.name, t.color, t.position
      FROM v, unnest($7::text[], $8::text[]) WITH ORDINALITY AS t(name, color, position)
), s AS (
    INSERT INTO seats (venue_id, section, row_label, number, label, category, x, y)
    SELECT v.id, t.section, t.row_label, t.number, t.label, t.category, t.x, t.y
      FROM v, unnest($9::text[], $10::text[], $11::integer[], $12::text[], $13::text[],
                     $14::double precision[], $15::double precision[])
              WITH ORDINALITY AS t(section, row_label, number, label, category, x, y, ord)
     ORDER BY t.ord
)
SELECT id FROM v;
