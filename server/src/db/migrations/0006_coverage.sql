-- Coverage per territory: public figures from awarded SPOs, kept as an aggregate that the
-- writes which change it refresh in their own transaction, so reading all 45 territories
-- never scans the activities.

CREATE TABLE territory_coverage (
  territory_code text PRIMARY KEY REFERENCES territories (code),
  activities_listed integer NOT NULL,
  activities_supported integer NOT NULL,
  committed_pence bigint NOT NULL,
  -- { theme: pence }: an activity serving two themes counts in both.
  committed_by_theme jsonb NOT NULL,
  -- { buyer sector: pence }
  committed_by_sector jsonb NOT NULL,
  -- Stated funding gaps less what awarded SPOs commit, never below zero per activity.
  funding_gap_pence bigint NOT NULL,
  -- [{ area, confidence, annualPence }] reported by supported activities: secondary impact.
  secondary jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The awarded SPOs' sealed lines: what is publicly committed, to which activity, by whom.
CREATE VIEW awarded_lines AS
  SELECT s.id AS spo_id, t.id AS tender_id, o.buyer_sector, s.awarded_at,
    (l->'activity'->>'id')::uuid AS activity_id,
    coalesce((l->>'annualPence')::bigint, 0) AS annual_pence
  FROM spos s
  JOIN spo_versions v ON v.spo_id = s.id AND v.version = s.submitted_version
  JOIN tenders t ON t.id = s.tender_id
  JOIN organisations o ON o.id = t.buyer_id
  CROSS JOIN LATERAL jsonb_array_elements(v.content::jsonb->'lines') AS l
  WHERE s.status = 'awarded';

CREATE FUNCTION refresh_territory_coverage(p_code text) RETURNS void
LANGUAGE sql AS $$
  WITH lines AS (
    SELECT al.* FROM awarded_lines al
    JOIN activities a ON a.id = al.activity_id
    WHERE a.territory_code = p_code
  ), acts AS (
    SELECT a.id, a.status, a.themes, a.funding_gap_pence, a.costs_avoided,
      coalesce(sum(lines.annual_pence), 0) AS committed,
      count(lines.activity_id) > 0 AS supported
    FROM activities a LEFT JOIN lines ON lines.activity_id = a.id
    WHERE a.territory_code = p_code
    GROUP BY a.id
  ), themes AS (
    SELECT jsonb_object_agg(theme, pence) AS j FROM (
      SELECT theme, sum(committed)::bigint AS pence
      FROM acts CROSS JOIN LATERAL unnest(acts.themes) AS theme
      WHERE supported GROUP BY theme) x
  ), sectors AS (
    SELECT jsonb_object_agg(buyer_sector, pence) AS j FROM (
      SELECT buyer_sector, sum(annual_pence)::bigint AS pence FROM lines GROUP BY buyer_sector) x
  ), secondary AS (
    SELECT jsonb_agg(jsonb_build_object('area', area, 'confidence', confidence,
      'annualPence', pence) ORDER BY area, confidence) AS j FROM (
      SELECT c.key AS area, c.value->>'confidence' AS confidence,
        sum((c.value->>'annualPence')::bigint)::bigint AS pence
      FROM acts CROSS JOIN LATERAL jsonb_each(acts.costs_avoided) AS c
      WHERE supported GROUP BY 1, 2) x
  )
  INSERT INTO territory_coverage AS tc (territory_code, activities_listed, activities_supported,
    committed_pence, committed_by_theme, committed_by_sector, funding_gap_pence, secondary,
    updated_at)
  SELECT p_code,
    count(*) FILTER (WHERE status IN ('active', 'at_risk')),
    count(*) FILTER (WHERE supported),
    coalesce(sum(committed), 0),
    coalesce((SELECT j FROM themes), '{}'),
    coalesce((SELECT j FROM sectors), '{}'),
    coalesce(sum(greatest(funding_gap_pence - committed, 0))
      FILTER (WHERE status IN ('active', 'at_risk')), 0),
    coalesce((SELECT j FROM secondary), '[]'),
    now()
  FROM acts
  ON CONFLICT (territory_code) DO UPDATE SET
    activities_listed = excluded.activities_listed,
    activities_supported = excluded.activities_supported,
    committed_pence = excluded.committed_pence,
    committed_by_theme = excluded.committed_by_theme,
    committed_by_sector = excluded.committed_by_sector,
    funding_gap_pence = excluded.funding_gap_pence,
    secondary = excluded.secondary,
    updated_at = excluded.updated_at;
$$;

-- Databases that already hold activities get their rows now.
SELECT refresh_territory_coverage(code) FROM territories;
