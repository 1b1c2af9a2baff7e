-- Local need from open data (seed/data/need, see its SOURCE.md) by local authority district,
-- rolled up to territories; activities placed in their district; buyers' local priorities on
-- tenders, which the matching ranks activities by.

-- The 361 local authority districts (ONS LAD May 2023 UK BUC), kept like territories.
CREATE TABLE lads (
  code text PRIMARY KEY CHECK (code ~ '^[ENSW][0-9]{8}$'),
  name text NOT NULL CHECK (name <> ''),
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_display geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX lads_geom_gist ON lads USING gist (geom);
CREATE INDEX lads_territory ON lads (territory_code);

-- One row per district; a figure the sources lack is NULL ("no data"), never 0.
CREATE TABLE lad_need (
  lad_code text PRIMARY KEY REFERENCES lads (code) ON DELETE CASCADE,
  -- ONS mid-2020 estimate, via mySociety.
  population integer CHECK (population > 0),
  -- mySociety composite UK IMD: higher is more deprived; quintile/decile 1 = most deprived.
  deprivation_score double precision,
  deprivation_quintile smallint CHECK (deprivation_quintile BETWEEN 1 AND 5),
  deprivation_decile smallint CHECK (deprivation_decile BETWEEN 1 AND 10),
  high_deprivation_share double precision CHECK (high_deprivation_share BETWEEN 0 AND 1),
  -- ONS: % of children in relative poverty after housing costs, latest year.
  child_poverty_pct double precision,
  child_poverty_period text,
  -- ONS: claimant count, % of residents aged 16–64, latest year.
  claimant_pct double precision,
  claimant_period text,
  -- English IMD 2025 (England only): per domain, average score and rank of average rank.
  imd2025 jsonb
);

-- Population-weighted roll-up to each territory, written by the import (never by hand).
CREATE TABLE territory_need (
  territory_code text PRIMARY KEY REFERENCES territories (code) ON DELETE CASCADE,
  population bigint,
  deprivation_score double precision,
  -- Share of the population living in districts of the most deprived UK quintile.
  most_deprived_quintile_share double precision,
  child_poverty_pct double precision,
  child_poverty_period text,
  claimant_pct double precision,
  claimant_period text,
  -- ONS homicides per million population over three years (England and Wales only).
  homicide_per_million double precision,
  homicide_period text,
  lads integer NOT NULL DEFAULT 0
);

-- The district an activity's point falls in (the lowest code on a shared boundary), derived
-- by the database like its territory; NULL where no district covers it (a point at sea).
ALTER TABLE activities ADD COLUMN lad_code text REFERENCES lads (code) ON DELETE SET NULL;
CREATE INDEX activities_lad ON activities (lad_code);

CREATE FUNCTION activities_place_in_lad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.lad_code := (SELECT l.code FROM lads l WHERE ST_Covers(l.geom, NEW.location)
                   ORDER BY l.code LIMIT 1);
  RETURN NEW;
END $$;
CREATE TRIGGER activities_lad BEFORE INSERT OR UPDATE OF location ON activities
  FOR EACH ROW EXECUTE FUNCTION activities_place_in_lad();

-- A buyer's local priorities, public with the tender. Weights say how much each factor of the
-- match score counts (0–10; see README "How matches are ranked").
ALTER TABLE tenders
  ADD COLUMN priority_themes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN priority_groups text[] NOT NULL DEFAULT '{}',
  ADD COLUMN match_weights jsonb NOT NULL DEFAULT '{}';

CREATE TABLE tender_priority_measures (
  tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  framework_id text NOT NULL,
  measure_code text NOT NULL,
  PRIMARY KEY (tender_id, framework_id, measure_code),
  FOREIGN KEY (framework_id, measure_code) REFERENCES toms_measures (framework_id, code)
);

-- Focus areas: districts or whole territories, inside the tender's territories.
CREATE TABLE tender_focus_areas (
  tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('lad', 'territory')),
  code text NOT NULL,
  PRIMARY KEY (tender_id, kind, code)
);

-- Where the contract is delivered: depots, stations, hospitals.
CREATE TABLE tender_delivery_sites (
  tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  location geometry(Point, 4326) NOT NULL,
  PRIMARY KEY (tender_id, position)
);
