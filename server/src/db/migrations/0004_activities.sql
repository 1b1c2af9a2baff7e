-- Providers' community activities: where they happen, what they achieve, what they need.

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
  summary text NOT NULL CHECK (length(summary) BETWEEN 10 AND 300),
  description text NOT NULL DEFAULT '',
  themes text[] NOT NULL
    CHECK (cardinality(themes) >= 1 AND themes <@ ARRAY['healthier', 'safer', 'more_resilient']),
  -- The category and priority group lists live in shared/src/schemas/activities.ts.
  category text NOT NULL CHECK (category ~ '^[a-z_]+$'),
  priority_groups text[] NOT NULL DEFAULT '{}',
  location geometry(Point, 4326) NOT NULL,
  -- Web Mercator scaled to 0..1 (the slippy-map tile space), so the map can cluster on a
  -- grid that looks square on screen without transforming every row on every request.
  merc_x double precision GENERATED ALWAYS AS ((ST_X(location) + 180) / 360) STORED,
  merc_y double precision GENERATED ALWAYS AS (
    (1 - ln(tan(radians(ST_Y(location))) + 1 / cos(radians(ST_Y(location)))) / pi()) / 2
  ) STORED,
  address text NOT NULL DEFAULT '',
  -- Derived from location by the insert/update itself (ST_Covers), never sent by a client.
  territory_code text NOT NULL REFERENCES territories (code),
  service_radius_km double precision CHECK (service_radius_km > 0),
  service_area geometry(MultiPolygon, 4326),
  people_reached_per_year integer NOT NULL CHECK (people_reached_per_year >= 0),
  outcomes jsonb NOT NULL DEFAULT '[]',
  evidence jsonb NOT NULL DEFAULT '{}',
  costs_avoided jsonb NOT NULL DEFAULT '{}',
  funding_gap_pence bigint NOT NULL DEFAULT 0 CHECK (funding_gap_pence >= 0),
  volunteer_hours_per_year integer NOT NULL DEFAULT 0 CHECK (volunteer_hours_per_year >= 0),
  in_kind text[] NOT NULL DEFAULT '{}',
  capacity_pence bigint NOT NULL DEFAULT 0 CHECK (capacity_pence >= 0),
  status text NOT NULL CHECK (status IN ('active', 'at_risk', 'paused', 'closed')),
  at_risk_until date,
  is_demo boolean NOT NULL DEFAULT false,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', summary), 'B') ||
    setweight(to_tsvector('english', description), 'C')
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A small stand-in for the id in map aggregates (min(seq) names a cell's only activity).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  CHECK ((status = 'at_risk') = (at_risk_until IS NOT NULL)),
  CHECK (service_radius_km IS NULL OR service_area IS NULL)
);
CREATE INDEX activities_location ON activities USING gist (location);
-- The map's clustering reads only these columns, so a national view is an index-only scan of
-- a narrow index rather than a pass over the wide rows (see bench/map.ts).
CREATE INDEX activities_map ON activities (merc_x, merc_y)
  INCLUDE (status, funding_gap_pence, themes, seq);
CREATE INDEX activities_search ON activities USING gin (search);
CREATE INDEX activities_provider ON activities (provider_id);
CREATE INDEX activities_territory ON activities (territory_code);
CREATE INDEX activities_title ON activities (lower(title), id);

-- The TOMs measures an activity can evidence. A measure an activity uses cannot be dropped
-- from its framework by a re-import.
CREATE TABLE activity_measures (
  activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  framework_id text NOT NULL,
  measure_code text NOT NULL,
  PRIMARY KEY (activity_id, framework_id, measure_code),
  FOREIGN KEY (framework_id, measure_code) REFERENCES toms_measures (framework_id, code)
);
CREATE INDEX activity_measures_code ON activity_measures (measure_code, activity_id);
