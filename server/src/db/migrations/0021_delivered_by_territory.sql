-- What providers confirmed arriving at activities in each territory: the one rule for
-- "delivered" by territory, read by the coverage figures and the open coverage data alike.
-- Only confirmed and part-confirmed answers on awarded SPOs count, and only reports that no
-- correction supersedes (migration 0017). Few rows, so summed when asked.
CREATE VIEW delivered_by_territory AS
  SELECT a.territory_code,
    sum(r.confirmed_amount) FILTER (WHERE l.kind IN ('cash', 'in_kind')) AS pence,
    sum(r.confirmed_amount) FILTER (WHERE l.kind = 'volunteering') AS hours
  FROM delivery_reports r
  JOIN spos s ON s.id = r.spo_id AND s.status = 'awarded'
  JOIN spo_lines l ON l.id = r.line_id
  JOIN activities a ON a.id = l.activity_id
  WHERE r.response IN ('confirmed', 'part_confirmed')
    AND NOT EXISTS (SELECT 1 FROM delivery_reports n WHERE n.supersedes_id = r.id)
  GROUP BY a.territory_code;
