import type { ColumnType, Generated, RawBuilder } from 'kysely';

/** Written only as SQL expressions built in `geo.ts`; read only through them too. */
type GeometryColumn = ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;

/**
 * Kysely's view of the tables. Geometry columns are opaque here: they are read and
 * written only through the SQL in `geo.ts`.
 */
export interface TerritoriesTable {
  code: string;
  name: string;
  force: string;
  nation: string;
  geom: GeometryColumn;
  geom_display: GeometryColumn;
  updated_at: ColumnType<Date, never, RawBuilder<unknown>>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: ColumnType<Date, never, never>;
}

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, RawBuilder<unknown> | Date>;

export interface PeopleTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  email_verified_at: ColumnType<
    Date | null,
    Date | null | undefined,
    Date | RawBuilder<unknown> | null
  >;
  /** HMAC key of the person's unsubscribe links; never leaves the server. */
  mail_key: Generated<string>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  kind: 'provider' | 'supplier' | 'buyer';
  name: string;
  registered_id: string | null;
  buyer_sector: 'police' | 'nhs' | 'council' | 'fire' | 'justice' | null;
  verified: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrganisationTerritoriesTable {
  organisation_id: string;
  territory_code: string;
}

export interface MembershipsTable {
  person_id: string;
  organisation_id: string;
  role: 'owner' | 'member';
  created_at: CreatedAt;
}

export interface InvitationsTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  role: 'owner' | 'member';
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  person_id: string;
  acting_organisation_id: string | null;
  created_at: CreatedAt;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface IdempotencyKeysTable {
  person_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: CreatedAt;
  actor_id: string | null;
  acting_organisation_id: string | null;
  organisation_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  summary: ColumnType<Record<string, unknown>, string, never>;
  request_id: string | null;
}

export interface TomsFrameworksTable {
  id: string;
  name: string;
  source: string;
  licence: string;
  imported_at: ColumnType<Date, never, RawBuilder<unknown>>;
}

export interface TomsMeasuresTable {
  framework_id: string;
  code: string;
  theme: string;
  measure: string;
  unit: string;
  /** numeric: written and read as an exact decimal string. */
  proxy_value_gbp: string;
}

export interface ActivitiesTable {
  id: Generated<string>;
  provider_id: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  category: string;
  priority_groups: string[];
  location: GeometryColumn;
  /** Web Mercator x and y scaled to 0–1, computed by the database, for grid clustering. */
  merc_x: ColumnType<number, never, never>;
  merc_y: ColumnType<number, never, never>;
  address: string;
  /** Derived from `location` in SQL when written; never taken from the request. */
  territory_code: string;
  /** The district covering `location`, set by a trigger; null where none does. */
  lad_code: ColumnType<string | null, never, never>;
  service_radius_km: string | null;
  service_area: GeometryColumn | null;
  people_reached_per_year: number;
  outcomes: ColumnType<unknown, string, string>;
  evidence: ColumnType<unknown, string, string>;
  costs_avoided: ColumnType<unknown, string, string>;
  /** bigint: read as a string by node-postgres, written as a number. */
  funding_gap_pence: ColumnType<string, number, number>;
  volunteer_hours_per_year: number;
  in_kind: string[];
  capacity_pence: ColumnType<string, number, number>;
  status: 'active' | 'at_risk' | 'paused' | 'closed';
  at_risk_until: ColumnType<string | null, string | null, string | null>;
  is_demo: Generated<boolean>;
  search: ColumnType<unknown, never, never>;
  /** bigint identity: a string from node-postgres, a number from PGlite. */
  seq: ColumnType<string | number, never, never>;
  /** Counts edits, for refusing one made from an out-of-date copy. */
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/**
 * Pre-aggregated map clusters (migration 0018), kept by triggers on activities: per grid
 * level, theme ('' for every theme), cell and status. Written only by the database.
 */
export interface ActivityMapCellsTable {
  level: number;
  theme: string;
  cx: number;
  cy: number;
  status: string;
  n: number;
  /** bigint: a string from node-postgres, a number from PGlite. */
  funding_gap_pence: string | number;
  sum_x: number;
  sum_y: number;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
  one_seq: string | number;
}

export interface ActivityMeasuresTable {
  activity_id: string;
  framework_id: string;
  measure_code: string;
}

type Bigint = ColumnType<string, number, number>;

export interface TendersTable {
  id: string;
  ocid: string;
  buyer_id: string;
  title: string;
  reference: string;
  description: string;
  annual_value_pence: Bigint;
  duration_years: number;
  start_date: ColumnType<string, string, string>;
  baseline_pence_per_million: Bigint;
  weighting_pct: ColumnType<string, number, number>;
  mid_pence_per_million: Bigint;
  higher_ambition_pence_per_million: Bigint;
  closes_at: ColumnType<Date, string, string>;
  status: Generated<'draft' | 'open' | 'evaluating' | 'awarded' | 'cancelled'>;
  published_at: ColumnType<Date | null, never, RawBuilder<unknown> | null>;
  awarded_spo_id: string | null;
  awarded_at: ColumnType<Date | null, never, RawBuilder<unknown> | null>;
  cancelled_reason: string | null;
  priority_themes: Generated<string[]>;
  priority_groups: Generated<string[]>;
  /** Only the weights the buyer set; the rest are DEFAULT_MATCH_WEIGHTS. */
  match_weights: ColumnType<Record<string, number>, string | undefined, string>;
  closing_notified_at: ColumnType<Date | null, never, RawBuilder<unknown> | Date | null>;
  match_notified_at: ColumnType<Date | null, never, RawBuilder<unknown> | Date | null>;
  delivery_grace_days: Generated<number>;
  report_response_days: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TenderPriorityMeasuresTable {
  tender_id: string;
  framework_id: string;
  measure_code: string;
}

export interface TenderFocusAreasTable {
  tender_id: string;
  kind: 'lad' | 'territory';
  code: string;
}

export interface TenderDeliverySitesTable {
  tender_id: string;
  position: number;
  label: string;
  location: GeometryColumn;
}

export interface LadsTable {
  code: string;
  name: string;
  territory_code: string;
  geom: GeometryColumn;
  geom_display: GeometryColumn;
}

export interface LadNeedTable {
  lad_code: string;
  population: number | null;
  deprivation_score: number | null;
  deprivation_quintile: number | null;
  deprivation_decile: number | null;
  high_deprivation_share: number | null;
  child_poverty_pct: number | null;
  child_poverty_period: string | null;
  claimant_pct: number | null;
  claimant_period: string | null;
  imd2025: ColumnType<unknown, string | null, string | null>;
}

export interface TerritoryNeedTable {
  territory_code: string;
  population: ColumnType<string | null, number | null, number | null>;
  deprivation_score: number | null;
  most_deprived_quintile_share: number | null;
  child_poverty_pct: number | null;
  child_poverty_period: string | null;
  claimant_pct: number | null;
  claimant_period: string | null;
  homicide_per_million: number | null;
  homicide_period: string | null;
  lads: number;
}

export interface TenderTerritoriesTable {
  tender_id: string;
  territory_code: string;
}

export interface SposTable {
  id: Generated<string>;
  tender_id: string;
  supplier_id: string;
  status: 'draft' | 'submitted' | 'withdrawn' | 'awarded' | 'not_awarded';
  submitted_version: number | null;
  credible: Generated<boolean>;
  credibility_reason: Generated<string>;
  awarded_at: ColumnType<Date | null, never, RawBuilder<unknown> | null>;
  contract_start: string | null;
  contract_end: string | null;
  draft_changed: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SpoLinesTable {
  id: Generated<string>;
  spo_id: string;
  activity_id: string;
  kind: 'cash' | 'in_kind' | 'volunteering' | 'measure';
  annual_pence: ColumnType<string | null, number | null, number | null>;
  description: string | null;
  annual_hours: number | null;
  framework_id: string | null;
  measure_code: string | null;
  annual_quantity: string | null;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  provider_note: Generated<string>;
  responded_at: ColumnType<Date | null, never, RawBuilder<unknown> | null>;
  created_at: CreatedAt;
}

export interface SpoVersionsTable {
  spo_id: string;
  version: number;
  submitted_at: CreatedAt;
  content: ColumnType<string, string, never>;
  content_hash: string;
}

export interface OutboxEventsTable {
  id: ColumnType<string, never, never>;
  topic: string;
  room: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  created_at: CreatedAt;
  published_at: ColumnType<Date | null, never, RawBuilder<unknown>>;
}

export type NotificationChannelColumn = 'app' | 'email' | 'digest';

export interface NotificationsTable {
  id: ColumnType<string, never, never>;
  person_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  object_type: string;
  object_id: string;
  dedupe_key: string;
  channel: NotificationChannelColumn;
  created_at: ColumnType<Date, Date | undefined, never>;
  read_at: ColumnType<Date | null, never, RawBuilder<unknown> | Date | null>;
  digested_at: ColumnType<Date | null, never, RawBuilder<unknown> | Date | null>;
}

export interface NotificationPreferencesTable {
  person_id: string;
  kind: string;
  channel: NotificationChannelColumn;
  updated_at: UpdatedAt;
}

export interface SavedInterestsTable {
  person_id: string;
  territories: string[];
  themes: string[];
  updated_at: UpdatedAt;
}

export interface OutboxEmailsTable {
  id: ColumnType<string, never, never>;
  message_id: string;
  person_id: string | null;
  to_address: string;
  kind: string;
  subject: string;
  text_body: ColumnType<string, string, string | RawBuilder<unknown>>;
  html_body: ColumnType<string, string, string | RawBuilder<unknown>>;
  headers: ColumnType<Record<string, string>, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date | RawBuilder<unknown>>;
  locked_until: ColumnType<Date | null, never, Date | RawBuilder<unknown> | null>;
  sent_at: ColumnType<Date | null, never, Date | RawBuilder<unknown> | null>;
  failed_at: ColumnType<Date | null, never, Date | RawBuilder<unknown> | null>;
  last_error: ColumnType<string | null, never, string | null>;
  scrub_after: ColumnType<Date | null, never, RawBuilder<unknown> | null>;
}

export interface EmailTokensTable {
  token_hash: string;
  person_id: string;
  purpose: 'verify_email' | 'reset_password';
  email: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: ColumnType<Date | null, never, Date | RawBuilder<unknown> | null>;
}

export interface JobRunsTable {
  name: string;
  last_run_at: Date;
}

/** What a supplier reports delivered on one awarded line for one contract year. */
export interface DeliveryReportsTable {
  id: Generated<string>;
  spo_id: string;
  line_id: string;
  period: number;
  /** In the line's unit (pence, hours or the measure's unit), as numeric text. */
  amount: ColumnType<string, string, never>;
  evidence_note: ColumnType<string, string | undefined, never>;
  evidence_links: ColumnType<string[], string[] | undefined, never>;
  supersedes_id: ColumnType<string | null, string | null | undefined, never>;
  reported_by: string;
  created_at: ColumnType<Date, Date | RawBuilder<unknown> | undefined, never>;
  respond_by: ColumnType<Date, Date | RawBuilder<unknown>, never>;
  response: ColumnType<
    'confirmed' | 'part_confirmed' | 'disputed' | null,
    never,
    'confirmed' | 'part_confirmed' | 'disputed'
  >;
  confirmed_amount: ColumnType<string | null, never, string>;
  response_comment: ColumnType<string, never, string>;
  responded_by: ColumnType<string | null, never, string>;
  responded_at: ColumnType<Date | null, never, Date | RawBuilder<unknown>>;
}

export interface EvidenceFilesTable {
  id: Generated<string>;
  report_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: ColumnType<Buffer | Uint8Array, Buffer | Uint8Array, never>;
  uploaded_by: string;
  uploaded_at: ColumnType<Date, Date | undefined, never>;
}

export interface Database {
  territories: TerritoriesTable;
  schema_migrations: SchemaMigrationsTable;
  people: PeopleTable;
  organisations: OrganisationsTable;
  organisation_territories: OrganisationTerritoriesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  toms_frameworks: TomsFrameworksTable;
  toms_measures: TomsMeasuresTable;
  activities: ActivitiesTable;
  activity_measures: ActivityMeasuresTable;
  activity_map_cells: ActivityMapCellsTable;
  tenders: TendersTable;
  tender_territories: TenderTerritoriesTable;
  spos: SposTable;
  spo_lines: SpoLinesTable;
  spo_versions: SpoVersionsTable;
  outbox_events: OutboxEventsTable;
  tender_priority_measures: TenderPriorityMeasuresTable;
  tender_focus_areas: TenderFocusAreasTable;
  tender_delivery_sites: TenderDeliverySitesTable;
  lads: LadsTable;
  lad_need: LadNeedTable;
  territory_need: TerritoryNeedTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  saved_interests: SavedInterestsTable;
  outbox_emails: OutboxEmailsTable;
  email_tokens: EmailTokensTable;
  job_runs: JobRunsTable;
  delivery_reports: DeliveryReportsTable;
  evidence_files: EvidenceFilesTable;
}
