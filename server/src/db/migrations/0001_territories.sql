-- The 45 UK policing territories, from ONS boundaries (see README: data sources).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE territories (
  code text PRIMARY KEY CHECK (code ~ '^(E23|W15|S23|N23)[0-9]{6}$'),
  name text NOT NULL CHECK (name <> ''),
  force text NOT NULL CHECK (force <> ''),
  nation text NOT NULL CHECK (nation IN ('England', 'Wales', 'Scotland', 'Northern Ireland')),
  -- Full resolution, for point-in-territory and area queries.
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  -- Simplified along shared edges (no gaps between neighbours), for drawing the UK map.
  geom_display geometry(MultiPolygon, 4326) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX territories_geom_gist ON territories USING gist (geom);
