-- A venue's seats in reading order (the order they were inserted in).
SELECT s.id, s.section, s.row_label AS "row", s.number, s.label, s.category, s.x, s.y
  FROM seats s
 WHERE s.venue_id = $1
 ORDER BY s.id;
