-- Real-time events, written in the same transaction as the change that causes them and
-- published after commit by a relay (several processes claim rows with SKIP LOCKED).
CREATE TABLE outbox_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic text NOT NULL,
  -- The socket.io room it goes to: `territory:<code>`, `tender:<id>`, `org:<id>`.
  room text NOT NULL CHECK (room ~ '^(territory|tender|org):[A-Za-z0-9-]+$'),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox_events (id) WHERE published_at IS NULL;
CREATE INDEX outbox_room ON outbox_events (room, id);
