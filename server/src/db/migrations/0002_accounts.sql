-- People, organisations, memberships, sessions, and the append-only audit trail.

CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name text NOT NULL CHECK (name <> ''),
  password_hash text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Emails are stored lower-cased, so this makes them unique case-insensitively.
CREATE UNIQUE INDEX people_email_key ON people (email);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('provider', 'supplier', 'buyer')),
  name text NOT NULL CHECK (name <> ''),
  -- org-id.guide form: GB-CHC-1234567 (charity), GB-COH-01234567 (company), …
  registered_id text CHECK (registered_id ~ '^[A-Z]{2}-[A-Z0-9]{2,8}-[A-Za-z0-9]+$'),
  buyer_sector text CHECK (buyer_sector IN ('police', 'nhs', 'council', 'fire', 'justice')),
  verified boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'buyer') = (buyer_sector IS NOT NULL))
);
CREATE INDEX organisations_kind_name ON organisations (kind, lower(name));

CREATE TABLE organisation_territories (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  territory_code text NOT NULL REFERENCES territories (code),
  PRIMARY KEY (organisation_id, territory_code)
);

CREATE TABLE memberships (
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- An owner's invitation to an email. Nobody joins without consent: the invitee, signed in
-- with that email, accepts with the one-time token the owner passed on (only its hash is kept).
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email)),
  role text NOT NULL CHECK (role IN ('owner', 'member')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  UNIQUE (organisation_id, email)
);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  acting_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_person ON sessions (person_id) WHERE revoked_at IS NULL;

-- A creating POST retried with the same Idempotency-Key answers what the first one did.
CREATE TABLE idempotency_keys (
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, key)
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  acting_organisation_id uuid,
  -- The organisation the entry is about, so that its owners can read it.
  organisation_id uuid,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}',
  request_id text
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
