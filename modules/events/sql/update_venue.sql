-- NULL keeps the field a PUT left out.
UPDATE venues
   SET name = coalesce($2, name), address = coalesce($3, address),
       timezone = coalesce($4, timezone), updated_at = now()
 WHERE id = $1;
