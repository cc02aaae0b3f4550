UPDATE events SET status = 'cancelled', updated_at = now() WHERE id = $1;
