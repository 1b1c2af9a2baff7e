import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EvidenceMediaTypes, MAX_EVIDENCE_BYTES } from '@shared/schemas/delivery';
import { ErrorResponse } from '@shared/schemas/errors';
import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodObjectInput,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { ROOT_DIR } from '../../config';
import type { RouteInfo } from '../../http/route-table';
import { SESSION_COOKIE } from '../../http/session';
import { SESSION_ROUTES } from './api-docs.access';

export type OpenApiDocument = oas31.OpenAPIObject;

export interface OpenApiOptions {
  /** The API's version: the app's, from package.json. */
  version?: string;
  /** Where the API is served; `/` (this origin) unless given. */
  servers?: oas31.ServerObject[];
}

/** The recorded routes the document is built from: a `RouteTable`, or `app.locals`' copy. */
export interface RouteInfoSource {
  readonly info: ReadonlyMap<string, RouteInfo>;
}

const DESCRIPTION = [
  'The API behind Impact Atlas: public contracts, social value pledges (SPOs) and the',
  'activities they support, on a map of the UK.',
  '',
  `**Sessions.** Signing in (\`POST /api/auth/sign-in\`) sets the \`${SESSION_COOKIE}\` cookie`,
  '(httpOnly, SameSite=Lax); routes marked with the session scheme need it, the others answer',
  'anonymous callers too and may answer a signed-in person more.',
  '',
  '**Writes from browsers.** A POST, PUT, PATCH or DELETE whose `Origin` (or `Sec-Fetch-Site`)',
  'shows another site is refused with 403 `cross_origin_refused`; clients that are not browsers',
  'send neither header and are not affected.',
  '',
  '**Errors.** Every error answers `{ "error": { "code", "message", "details" } }`: branch on',
  '`code` (a stable snake_case identifier), show `message`.',
].join('\n');

/** Statuses and what they mean for every route that can answer them. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`validation_failed`, `malformed_request`, …)',
  401: 'No session, or it has ended (`unauthenticated`)',
  403: 'Not allowed (`forbidden`, `cross_origin_refused`, …)',
  404: 'No such object, or one the caller may not see',
  409: 'The object is not in a state that allows this, or changed meanwhile',
  413: 'The body is too large (`payload_too_large`)',
  415: 'A body of a media type not accepted here (`unsupported_media_type`)',
  422: 'This `Idempotency-Key` was used for a different request (`idempotency_key_reused`)',
  429: 'Too many attempts (`rate_limited`); `Retry-After` says when to try again',
  500: 'A fault on our side (`internal_error`)',
  503: 'The database cannot be reached (`database_unavailable`); try again shortly',
};

/** `/api/spos/:id` as OpenAPI writes it: `/api/spos/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

const pathParamNames = (expressPath: string) =>
  [...expressPath.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);

/** Routes whose success body is not plain JSON, though their name does not say so. */
const MEDIA_TYPES: Record<string, string> = {
  'GET /api/territories': 'application/geo+json',
  'GET /api/territories/:code': 'application/geo+json',
  'GET /api/need/lads': 'application/geo+json',
  'GET /api/docs': 'text/html',
};

/** The media type of a success body: what the route sends. */
function successContentType(routeKey: string, info: RouteInfo): string {
  const named = MEDIA_TYPES[routeKey];
  if (named) return named;
  if (info.path.endsWith('.csv')) return 'text/csv';
  if (info.path.endsWith('.geojson')) return 'application/geo+json';
  return 'application/json';
}

/**
 * The few routes whose bodies are not JSON: the evidence upload takes the file's own bytes,
 * and the download answers them.
 */
const SPECIAL: Record<string, (op: ZodOpenApiOperationObject) => void> = {
  'POST /api/delivery-reports/:id/evidence': (op) => {
    op.requestBody = {
      required: true,
      description: `The file itself, at most ${MAX_EVIDENCE_BYTES} bytes, sent with its own Content-Type.`,
      content: Object.fromEntries(
        EvidenceMediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
      ),
    };
  },
  'GET /api/delivery-reports/:id/evidence/:fileId': (op) => {
    const ok = op.responses['200'];
    if (ok && !('$ref' in ok)) {
      ok.content = {
        'application/octet-stream': {
          schema: z.string().meta({
            format: 'binary',
            description: 'The file as uploaded, in its own media type',
          }),
        },
      };
    }
  },
};

/**
 * Refusals particular to one route, which nothing in its declaration shows: found by reading
 * the services and confirmed by the fuzz test (test/integration/fuzz), which fails on any
 * status a route answers that its document does not list.
 */
const ROUTE_ERRORS: Record<string, number[]> = {
  // A tender (or SPO) that exists but is not awarded has no delivery or report yet.
  'GET /api/tenders/:id/fulfilment': [409],
  'GET /api/tenders/:id/report': [409],
  'GET /api/tenders/:id/report.csv': [409],
  'GET /api/spos/:id/delivery': [409],
  // No invitation with this token; no territory at this point; no grants on this page.
  'POST /api/invitations/accept': [404],
  'GET /api/territories/locate': [404],
  'GET /api/open-data/360giving/grants.json': [404],
};

/** Which error statuses a route can answer, from what it is. */
function errorStatuses(routeKey: string, info: RouteInfo): number[] {
  const write = info.method !== 'get';
  const statuses = new Set<number>([500, 503]);
  // Any route can answer 400: the JSON parser refuses a malformed body, a GET's included.
  statuses.add(400);
  const session = SESSION_ROUTES.has(routeKey);
  // Signing in and changing a password answer 401 for wrong credentials, with or without one.
  if (session || info.path.startsWith('/api/auth/')) statuses.add(401);
  if (write || session) statuses.add(403);
  if (pathParamNames(info.path).length > 0) statuses.add(404);
  if (write) statuses.add(409);
  // The JSON parser reads a body sent to any route, a GET's included, before the route runs:
  // too large is 413, a charset it cannot read 415.
  statuses.add(413);
  statuses.add(415);
  if (info.rateLimited) statuses.add(429);
  // A retry while the first is still running (409), or a key reused for another body (422).
  if (info.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  for (const status of ROUTE_ERRORS[routeKey] ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * The object of named fields a query or path schema checks, for OpenAPI's one-parameter-
 * per-field form: through pipes (their input), intersections (both sides) and unions (each
 * field optional, as no one branch needs all). Whole-object checks are not expressible there.
 */
function parameterObject(schema: z.ZodType | undefined): z.ZodObject | undefined {
  if (schema === undefined) return undefined;
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return parameterObject(schema.in as z.ZodType);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return parameterObject(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodLazy) return parameterObject(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodIntersection) {
    const left = parameterObject(schema.def.left as z.ZodType);
    const right = parameterObject(schema.def.right as z.ZodType);
    return z.object({ ...left?.shape, ...right?.shape });
  }
  if (schema instanceof z.ZodUnion) {
    const shapes = (schema.options as z.ZodType[]).map((o) => parameterObject(o)?.shape ?? {});
    const fields = Object.assign({}, ...shapes) as Record<string, z.ZodType>;
    return z.object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])));
  }
  return undefined;
}

function operation(routeKey: string, info: RouteInfo): ZodOpenApiOperationObject {
  const { body } = info.request;
  const params = parameterObject(info.request.params);
  const query = parameterObject(info.request.query);
  const missing = pathParamNames(info.path).filter((name) => !(params && name in params.shape));
  // A path parameter no schema checks is still a parameter of the path: a plain string.
  const path: ZodObjectInput | undefined =
    missing.length === 0
      ? params
      : z.object({
          ...params?.shape,
          ...Object.fromEntries(missing.map((name) => [name, z.string()])),
        });
  const responses: ZodOpenApiResponsesObject = {
    [`${info.status}` as `2${string}`]:
      info.response === null
        ? { description: 'Done: no content' }
        : {
            description: 'Success',
            content: { [successContentType(routeKey, info)]: { schema: info.response } },
          },
  };
  for (const status of errorStatuses(routeKey, info)) {
    responses[`${status}` as `4${string}`] = { $ref: `#/components/responses/Error${status}` };
  }
  const segments = info.path.split('/').filter((s) => s && !s.startsWith(':'));
  const op: ZodOpenApiOperationObject = {
    operationId: `${info.method}${segments
      .slice(1)
      .map((s) =>
        s.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()),
      )
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
      .join('')}${pathParamNames(info.path)
      .map((p) => `By${p.charAt(0).toUpperCase()}${p.slice(1)}`)
      .join('')}`,
    tags: [segments[1] ?? 'api'],
    security: SESSION_ROUTES.has(routeKey) ? [{ session: [] }] : [{}, { session: [] }],
    requestParams: {
      ...(path ? { path } : {}),
      ...(query ? { query } : {}),
    },
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
      : {}),
    responses,
  };
  SPECIAL[routeKey]?.(op);
  return op;
}

/**
 * The OpenAPI 3.1 document of every route in the route table, built from the same zod
 * schemas the routes validate with (requests, read as their input) and answer with
 * (responses, read as their output), with the shared error shape and the session cookie.
 */
export function buildOpenApiDocument(
  table: RouteInfoSource,
  options: OpenApiOptions = {},
): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const [routeKey, info] of table.info) {
    const item = (paths[openApiPath(info.path)] ??= {});
    item[info.method] = operation(routeKey, info);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Impact Atlas API',
        version: options.version ?? '0.0.0',
        description: DESCRIPTION,
      },
      servers: options.servers ?? [{ url: '/', description: 'This server' }],
      paths,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session cookie that signing in sets',
          },
        },
        responses: Object.fromEntries(
          Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
            `Error${status}`,
            { description, content: { 'application/json': { schema: ErrorResponse } } },
          ]),
        ),
      },
    },
    // Schemas zod cannot express in JSON Schema (a custom check, a transform's output)
    // become an open schema rather than stopping the document.
    { allowEmptySchema: { custom: true, transform: true, pipe: true } },
  );
}

/** The app's version, from the package.json at the repository root (also there in production). */
export function packageVersion(): string {
  const text = readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
}
