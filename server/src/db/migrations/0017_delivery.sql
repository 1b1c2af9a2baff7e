-- After the award: what is delivered against each awarded SPO line, and the provider's word
-- on it. Contributions fall due on each contract anniversary (shared/src/contributions.ts
-- computes the schedule from spos.contract_start/contract_end and the sealed lines).

-- The buyer's settings for the contract: days after a due date before an unmet contribution
-- is overdue, and days a provider has to answer a report before it reads as unverified.
ALTER TABLE tenders
  ADD COLUMN delivery_grace_days integer NOT NULL DEFAULT 30
    CHECK (delivery_grace_days BETWEEN 0 AND 365),
  ADD COLUMN report_response_days integer NOT NULL DEFAULT 28
    CHECK (report_response_days BETWEEN 1 AND 365);

-- One report of what a supplier delivered on one line of its awarded SPO for one contract
-- year. `amount` is in the line's own unit: pence for cash and in-kind lines, hours for
-- volunteering, the measure's unit for TOMs measures. Never edited and never deleted: a
-- correction is a new report that supersedes this one; the provider answers once.
CREATE TABLE delivery_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  spo_id uuid NOT NULL REFERENCES spos (id),
  line_id uuid NOT NULL REFERENCES spo_lines (id),
  period integer NOT NULL CHECK (period BETWEEN 1 AND 26),
  amount numeric(16, 4) NOT NULL CHECK (amount > 0),
  evidence_note text NOT NULL DEFAULT '' CHECK (length(evidence_note) <= 2000),
  evidence_links text[] NOT NULL DEFAULT '{}' CHECK (cardinality(evidence_links) <= 10),
  supersedes_id uuid UNIQUE REFERENCES delivery_reports (id),
  reported_by uuid NOT NULL REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Unanswered after this, the report reads as unverified (a late answer still counts).
  respond_by timestamptz NOT NULL,
  response text CHECK (response IN ('confirmed', 'part_confirmed', 'disputed')),
  -- What the provider confirms arrived, in the line's unit: all of it, part, or nothing.
  confirmed_amount numeric(16, 4),
  response_comment text NOT NULL DEFAULT '' CHECK (length(response_comment) <= 2000),
  responded_by uuid REFERENCES people (id),
  responded_at timestamptz,
  CHECK ((response IS NULL) = (responded_at IS NULL)),
  CHECK ((response IS NULL) = (confirmed_amount IS NULL)),
  CHECK (response IS DISTINCT FROM 'confirmed' OR confirmed_amount = amount),
  CHECK (response IS DISTINCT FROM 'part_confirmed'
    OR (confirmed_amount > 0 AND confirmed_amount < amount)),
  CHECK (response IS DISTINCT FROM 'disputed'
    OR (confirmed_amount = 0 AND response_comment <> '')),
  CHECK (supersedes_id IS DISTINCT FROM id)
);
CREATE INDEX delivery_reports_spo ON delivery_reports (spo_id, line_id, period);
CREATE INDEX delivery_reports_unanswered ON delivery_reports (respond_by) WHERE response IS NULL;

-- The history stays: nothing but the one answer may ever be written to a report.
CREATE FUNCTION delivery_reports_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'delivery reports are never deleted: a correction supersedes a report';
  END IF;
  IF OLD.response IS NOT NULL
    OR (NEW.spo_id, NEW.line_id, NEW.period, NEW.amount, NEW.evidence_note,
        NEW.evidence_links, NEW.supersedes_id, NEW.reported_by, NEW.created_at, NEW.respond_by)
      IS DISTINCT FROM
       (OLD.spo_id, OLD.line_id, OLD.period, OLD.amount, OLD.evidence_note,
        OLD.evidence_links, OLD.supersedes_id, OLD.reported_by, OLD.created_at, OLD.respond_by)
  THEN
    RAISE EXCEPTION 'a delivery report never changes: a correction supersedes it';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER delivery_reports_history BEFORE UPDATE OR DELETE ON delivery_reports
  FOR EACH ROW EXECUTE FUNCTION delivery_reports_keep_history();
CREATE TRIGGER delivery_reports_not_truncated BEFORE TRUNCATE ON delivery_reports
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_reports_keep_history();

-- Evidence a supplier attaches to a report: the file itself, its SHA-256, who and when.
-- The same hash on reports of different SPOs flags a file reused as evidence twice.
CREATE TABLE evidence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES delivery_reports (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type <> ''),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES people (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX evidence_files_report ON evidence_files (report_id);
CREATE INDEX evidence_files_sha256 ON evidence_files (sha256);
