-- Social value measurement frameworks (National TOMs first) and their measures, as data,
-- so that a buyer's own framework can be imported later beside it.
CREATE TABLE toms_frameworks (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name text NOT NULL CHECK (name <> ''),
  source text NOT NULL CHECK (source <> ''),
  licence text NOT NULL CHECK (licence <> ''),
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE toms_measures (
  framework_id text NOT NULL REFERENCES toms_frameworks (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9.]+( [A-Za-z0-9.]+)*$'),
  theme text NOT NULL,
  measure text NOT NULL,
  unit text NOT NULL,
  -- £ per unit; some proxies are fractions of a penny (£0.012 per kg CO2e), so exact decimal.
  proxy_value_gbp numeric(14, 6) NOT NULL CHECK (proxy_value_gbp >= 0),
  PRIMARY KEY (framework_id, code)
);
