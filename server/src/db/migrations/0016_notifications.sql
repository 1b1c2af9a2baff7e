-- Notifications to people, their preferences and saved interests, email (an outbox of
-- messages sent by a relay), and the one-time links of account emails.

-- Whether the person has shown they read mail at their address. Accounts made before
-- verification existed were opened by their owners with that address and are taken as
-- verified; new ones are not until the emailed link is followed.
ALTER TABLE people ADD COLUMN email_verified_at timestamptz;
UPDATE people SET email_verified_at = created_at;
-- Signs each person's unsubscribe links (an HMAC key of their own, never shown).
ALTER TABLE people ADD COLUMN mail_key text NOT NULL
  DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL CHECK (title <> ''),
  body text NOT NULL DEFAULT '',
  -- A path in the app (`/tenders/<id>`), made absolute with PUBLIC_URL in emails.
  link text NOT NULL CHECK (link LIKE '/%'),
  object_type text NOT NULL,
  object_id text NOT NULL,
  -- What makes a notification once only (a job that runs twice tells nobody twice).
  dedupe_key text NOT NULL,
  -- How the person asked to hear of this kind when it was made: app, email or digest.
  channel text NOT NULL CHECK (channel IN ('app', 'email', 'digest')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  -- Set when a daily digest took it (channel = 'digest' only).
  digested_at timestamptz,
  UNIQUE (person_id, dedupe_key)
);
CREATE INDEX notifications_person ON notifications (person_id, id DESC);
CREATE INDEX notifications_unread ON notifications (person_id) WHERE read_at IS NULL;
CREATE INDEX notifications_digest ON notifications (person_id, id)
  WHERE channel = 'digest' AND digested_at IS NULL;

CREATE TABLE notification_preferences (
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('app', 'email', 'digest')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, kind)
);

-- Tenders a person wants to hear of beyond their own activities' matches: open tenders in
-- these territories (and, if any are given, with one of these themes among their priorities).
CREATE TABLE saved_interests (
  person_id uuid PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  territories text[] NOT NULL DEFAULT '{}',
  themes text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_interests_territories ON saved_interests USING gin (territories);

-- Email written in the same transaction as what it tells of, sent after commit by a relay.
-- A row is claimed with a lease (several relays skip each other's rows); one whose relay
-- died is claimed again when the lease runs out.
CREATE TABLE outbox_emails (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The same Message-ID on every attempt, so a receiver can tell a repeat.
  message_id text NOT NULL UNIQUE,
  person_id uuid REFERENCES people (id) ON DELETE SET NULL,
  to_address text NOT NULL CHECK (to_address LIKE '%_@_%'),
  kind text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  sent_at timestamptz,
  failed_at timestamptz,
  last_error text,
  -- When the stored copy loses its one-time links (set on sending or giving up; see mail.repo).
  scrub_after timestamptz
);
CREATE INDEX outbox_emails_scrub ON outbox_emails (scrub_after) WHERE scrub_after IS NOT NULL;
CREATE INDEX outbox_emails_due ON outbox_emails (next_attempt_at, id)
  WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_emails_created ON outbox_emails (id DESC);

-- One-time links in account emails; only the token's hash is kept.
CREATE TABLE email_tokens (
  token_hash text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  -- The address it was sent to: a verification counts only while it is still the person's.
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX email_tokens_person ON email_tokens (person_id, purpose);

-- Jobs that tell people of what time brings (a tender closing, a new match, the day's
-- digest) mark what they have done, so that no run, crash or second process tells twice.
ALTER TABLE tenders ADD COLUMN closing_notified_at timestamptz;
ALTER TABLE tenders ADD COLUMN match_notified_at timestamptz;
CREATE INDEX tenders_closing_unnotified ON tenders (closes_at)
  WHERE closing_notified_at IS NULL AND status = 'open';
CREATE INDEX tenders_match_unnotified ON tenders (id)
  WHERE match_notified_at IS NULL AND status = 'open';

CREATE TABLE job_runs (
  name text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);

-- Notifications go to one person's room.
ALTER TABLE outbox_events DROP CONSTRAINT outbox_events_room_check;
ALTER TABLE outbox_events ADD CONSTRAINT outbox_events_room_check
  CHECK (room ~ '^(territory|tender|org|person):[A-Za-z0-9-]+$');

-- Tenders from before notifications existed are not announced now, long after the fact.
UPDATE tenders SET match_notified_at = now(),
  closing_notified_at = CASE WHEN closes_at <= now() THEN now() END;
