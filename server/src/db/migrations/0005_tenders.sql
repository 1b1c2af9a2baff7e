-- Buyers' tenders and suppliers' Social Purchase Orders (SPOs) linking to activities.

CREATE TABLE tenders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Open Contracting identifier: a configured prefix and the tender's own id.
  ocid text NOT NULL UNIQUE,
  buyer_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  reference text NOT NULL CHECK (reference <> ''),
  description text NOT NULL DEFAULT '',
  annual_value_pence bigint NOT NULL CHECK (annual_value_pence > 0),
  duration_years integer NOT NULL CHECK (duration_years BETWEEN 1 AND 25),
  start_date date NOT NULL,
  baseline_pence_per_million bigint NOT NULL CHECK (baseline_pence_per_million >= 0),
  weighting_pct numeric(5, 2) NOT NULL DEFAULT 10 CHECK (weighting_pct > 0 AND weighting_pct <= 100),
  mid_pence_per_million bigint NOT NULL,
  higher_ambition_pence_per_million bigint NOT NULL,
  closes_at timestamptz NOT NULL,
  -- 'open' past closes_at reads as 'evaluating' (derived on read); stored once acted on.
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'open', 'evaluating', 'awarded', 'cancelled')),
  published_at timestamptz,
  awarded_spo_id uuid,
  awarded_at timestamptz,
  cancelled_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (mid_pence_per_million >= baseline_pence_per_million),
  CHECK (higher_ambition_pence_per_million >= mid_pence_per_million),
  CHECK ((status = 'awarded') = (awarded_spo_id IS NOT NULL))
);
CREATE INDEX tenders_buyer ON tenders (buyer_id);
CREATE INDEX tenders_status ON tenders (status, closes_at);

CREATE TABLE tender_territories (
  tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  territory_code text NOT NULL REFERENCES territories (code),
  PRIMARY KEY (tender_id, territory_code)
);

-- One SPO per supplier per tender. Its lines are the live draft; each submission seals a
-- version (spo_versions) that can never change.
CREATE TABLE spos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tender_id uuid NOT NULL REFERENCES tenders (id),
  supplier_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'withdrawn', 'awarded', 'not_awarded')),
  submitted_version integer,
  credible boolean NOT NULL DEFAULT true,
  credibility_reason text NOT NULL DEFAULT '',
  awarded_at timestamptz,
  contract_start date,
  contract_end date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The live lines differ from the sealed version in force (a new draft, not yet submitted).
  draft_changed boolean NOT NULL DEFAULT true,
  UNIQUE (tender_id, supplier_id),
  CHECK (status NOT IN ('submitted', 'awarded', 'not_awarded') OR submitted_version IS NOT NULL)
);
ALTER TABLE tenders ADD FOREIGN KEY (awarded_spo_id) REFERENCES spos (id);

CREATE TABLE spo_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  spo_id uuid NOT NULL REFERENCES spos (id) ON DELETE CASCADE,
  activity_id uuid NOT NULL REFERENCES activities (id),
  kind text NOT NULL CHECK (kind IN ('cash', 'in_kind', 'volunteering', 'measure')),
  annual_pence bigint CHECK (annual_pence > 0),
  description text,
  annual_hours integer CHECK (annual_hours > 0),
  framework_id text,
  measure_code text,
  annual_quantity numeric(14, 4) CHECK (annual_quantity > 0),
  -- The provider's answer to the link-up request.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  provider_note text NOT NULL DEFAULT '',
  responded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (framework_id, measure_code) REFERENCES toms_measures (framework_id, code),
  CHECK (CASE kind
    WHEN 'cash' THEN annual_pence IS NOT NULL
    WHEN 'in_kind' THEN annual_pence IS NOT NULL AND description IS NOT NULL
    WHEN 'volunteering' THEN annual_hours IS NOT NULL
    WHEN 'measure' THEN measure_code IS NOT NULL AND annual_quantity IS NOT NULL
  END)
);
CREATE INDEX spo_lines_spo ON spo_lines (spo_id);
CREATE INDEX spo_lines_activity ON spo_lines (activity_id);

-- Sealed submissions: the exact content submitted, its time and SHA-256. Never changed.
CREATE TABLE spo_versions (
  spo_id uuid NOT NULL REFERENCES spos (id),
  version integer NOT NULL CHECK (version >= 1),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  -- The exact text that was hashed (jsonb would reorder its keys): anyone can re-check
  -- content_hash = sha256(content).
  content text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (spo_id, version)
);
CREATE FUNCTION spo_versions_are_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'spo_versions is append-only: a submitted version never changes';
END;
$$;
CREATE TRIGGER spo_versions_sealed BEFORE UPDATE OR DELETE ON spo_versions
  FOR EACH ROW EXECUTE FUNCTION spo_versions_are_sealed();
CREATE TRIGGER spo_versions_not_truncated BEFORE TRUNCATE ON spo_versions
  FOR EACH STATEMENT EXECUTE FUNCTION spo_versions_are_sealed();
