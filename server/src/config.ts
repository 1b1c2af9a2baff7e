import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rate-limits';

/** The repository's root folder, whatever the working directory. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The reference data copied into the repository, each source in its own folder with its licence. */
export const REFERENCE_DATA_DIR = path.join(ROOT_DIR, 'seed/data');

const DEFAULT_BOUNDARIES_FILE = path.join(
  REFERENCE_DATA_DIR,
  'boundaries/uk_policing_territories_buc.geojson',
);

const DEFAULT_TOMS_FILE = path.join(REFERENCE_DATA_DIR, 'national-toms/toms-measures.csv');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default(path.join(ROOT_DIR, 'data')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  BOUNDARIES_FILE: z.string().default(DEFAULT_BOUNDARIES_FILE),
  TOMS_FILE: z.string().default(DEFAULT_TOMS_FILE),
  TILE_URL: z.string().default('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z
    .string()
    .default(
      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
  NODE_ENV: z.string().default('development'),
  DEMO: z.enum(['0', '1']).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  PASSWORD_HASH_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two, at least 1024')
    .default(2 ** 15),
  TRUST_PROXY: z.string().default('loopback'),
  ALLOWED_ORIGINS: z.string().default(''),
  REDIS_URL: z.string().url().optional(),
  RATE_LIMIT_SIGN_IN_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_RATE_LIMITS.signInPerIp),
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_RATE_LIMITS.signInPerAccount),
  RATE_LIMIT_SIGN_UP_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_RATE_LIMITS.signUpPerIp),
  RATE_LIMIT_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_RATE_LIMITS.windowMinutes),
  PUBLIC_URL: z
    .url({ error: 'PUBLIC_URL must be a URL such as https://atlas.example.org' })
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Impact Atlas <no-reply@impact-atlas.invalid>'),
  DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(7),
  OCID_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}$/, 'must be an OCDS prefix such as ocds-ia0000')
    .default('ocds-ia0000'),
  OPEN_DATA_PUBLISHER: z.string().trim().min(2).max(200).default('Impact Atlas'),
  ORG_ID_PREFIX: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9-]{2,40}$/, 'must be an org-id list code such as XI-IMPACTATLAS')
    .default('XI-IMPACTATLAS'),
  GRANT_ID_PREFIX: z
    .string()
    .regex(/^360G-[A-Za-z0-9-]{2,60}$/, 'must be a 360Giving prefix such as 360G-impactatlas')
    .default('360G-impactatlas'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long the server waits for a PostgreSQL connection and for one statement. */
  databaseTimeouts: { connectMs: number; statementMs: number };
  boundariesFile: string;
  /** The National TOMs measures CSV imported as the starter framework. */
  tomsFile: string;
  tileUrl: string;
  tileAttribution: string;
  logLevel: 'silent' | 'error' | 'info';
  /** Demo accounts and data: on except in production, where DEMO=1 turns them on. */
  demo: boolean;
  session: { idleMinutes: number; absoluteHours: number; passwordHashCost: number };
  /** Express `trust proxy`: which proxies' X-Forwarded-* headers to believe. */
  trustProxy: string;
  /** Other origins allowed to send state-changing requests (comma-separated in the env). */
  allowedOrigins: string[];
  /** Open Contracting prefix of tenders' `ocid`s (registered with OCP for publication). */
  ocidPrefix: string;
  /** Who publishes the open data, and the identifier lists it mints for what has no other. */
  openData: OpenDataConfig;
  /** Redis shared by several server processes for real-time events and rate limits. */
  redisUrl: string | undefined;
  /** Sign-in, sign-up and password-change limits, per window. */
  rateLimits: RateLimitSettings;
  /** Email: links are built from `publicUrl`; without `smtpUrl` mail stays in the outbox. */
  mail: MailConfig;
};

export interface OpenDataConfig {
  publisherName: string;
  /**
   * org-id.guide list prefix for organisations with no registered number (unregistered
   * groups): ours, never an invented charity or company number.
   */
  orgIdPrefix: string;
  /** The 360Giving identifier prefix registered for our grants (`360G-…`). */
  grantIdPrefix: string;
}

/** The open-data settings' defaults, as `loadConfig` reads them from an empty environment. */
export const OPEN_DATA_DEFAULTS: OpenDataConfig = {
  publisherName: 'Impact Atlas',
  orgIdPrefix: 'XI-IMPACTATLAS',
  grantIdPrefix: '360G-impactatlas',
};

export interface MailConfig {
  publicUrl: string;
  smtpUrl: string | undefined;
  from: string;
  digestHourUtc: number;
}

/** Reads the configuration from environment variables, failing loudly on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    boundariesFile: path.resolve(e.BOUNDARIES_FILE),
    tomsFile: path.resolve(e.TOMS_FILE),
    tileUrl: e.TILE_URL,
    tileAttribution: e.TILE_ATTRIBUTION,
    logLevel: e.LOG_LEVEL,
    demo: e.NODE_ENV !== 'production' || e.DEMO === '1',
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      passwordHashCost: e.PASSWORD_HASH_COST,
    },
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    ocidPrefix: e.OCID_PREFIX,
    openData: {
      publisherName: e.OPEN_DATA_PUBLISHER,
      orgIdPrefix: e.ORG_ID_PREFIX,
      grantIdPrefix: e.GRANT_ID_PREFIX,
    },
    redisUrl: e.REDIS_URL,
    mail: {
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      digestHourUtc: e.DIGEST_HOUR_UTC,
    },
    rateLimits: {
      signInPerIp: e.RATE_LIMIT_SIGN_IN_PER_IP,
      signInPerAccount: e.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      signUpPerIp: e.RATE_LIMIT_SIGN_UP_PER_IP,
      windowMinutes: e.RATE_LIMIT_WINDOW_MINUTES,
    },
  };
}

/** The attribution ONS data requires on every map that shows it (see the boundaries' SOURCE.md). */
export const BOUNDARY_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2023. ' +
  'Contains LPS Intellectual Property © Crown copyright and database right 2023.';
