import fc from 'fast-check';
import { HOSTILE_STRINGS, hostileRawBody, hostileValue } from './fuzz-hostile';
import { arbitraryFor, type JsonSchema } from './fuzz-schema';
import { resourceOf, ROLES, type KnownIds, type Role } from './fuzz-world';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export interface OpenApiParameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: {
    $ref?: string;
    required?: boolean;
    content?: Record<string, { schema?: JsonSchema }>;
  };
}

export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    parameters?: Record<string, OpenApiParameter>;
    requestBodies?: Record<string, OpenApiOperation['requestBody']>;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One route of the document: `METHOD /api/path/{param}`, with what it takes. */
export interface Operation {
  method: string;
  /** The path as the document writes it, with `{param}`s. */
  template: string;
  /** The request path on the server (the document's server prefix added if it has one). */
  path: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  bodySchema: JsonSchema | undefined;
  label: string;
}

function deref<T extends { $ref?: string }>(
  value: T | undefined,
  table: Record<string, T | undefined> | undefined,
): T | undefined {
  if (!value?.$ref) return value;
  return table?.[value.$ref.split('/').pop()!];
}

/** Every path and method of the document, so that a route added to the app is fuzzed too. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const server = doc.servers?.[0]?.url ?? '';
  const prefix = server.startsWith('/') ? server.replace(/\/$/, '') : '';
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op) continue;
      const parameters = [...shared, ...(op.parameters ?? [])]
        .map((p) => deref(p, doc.components?.parameters))
        .filter((p): p is OpenApiParameter => p !== undefined);
      const body = deref(op.requestBody, doc.components?.requestBodies);
      const path = template.startsWith('/api') ? template : `${prefix}${template}`;
      // Path parameters the document forgot still need a value: the template names them.
      const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pathParams = named.map(
        (name) =>
          parameters.find((p) => p.in === 'path' && p.name === name) ?? {
            name,
            in: 'path' as const,
            required: true,
            schema: { type: 'string' },
          },
      );
      operations.push({
        method: method.toUpperCase(),
        template,
        path,
        pathParams,
        queryParams: parameters.filter((p) => p.in === 'query'),
        bodySchema: body?.content?.['application/json']?.schema,
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return operations;
}

/** What a path parameter is: a known id (chosen at run time from those seen), or a value. */
export type ParamChoice =
  { kind: 'known'; pick: number; anyKind: boolean } | { kind: 'value'; value: unknown };

export type BodyChoice =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; body: string | Buffer };

/** One generated request, as data: the seed replays it. */
export interface FuzzCase {
  op: number;
  role: Role;
  params: ParamChoice[];
  query: [string, unknown][];
  body: BodyChoice;
  origin: 'own' | 'wrong' | 'none' | 'cross-site';
  idempotencyKey: string | null;
}

const coordinate = fc.oneof(
  fc.double({ min: -180, max: 180, noNaN: true }),
  fc.constantFrom(-1e308, 1e308, 0, -0, 1e-320),
  fc.double(),
);

/**
 * Query parameters whose schemas are plain strings that the app parses itself (numbers with
 * commas): valid-looking values, from a town to the whole world and past it.
 */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  bbox: fc.oneof(
    fc.constantFrom('-1.4,51.6,-1.1,51.9', '-8.7,49.8,1.8,60.9', '-180,-90,180,90'),
    fc.tuple(coordinate, coordinate, coordinate, coordinate).map((c) => c.join(',')),
  ),
  near: fc.tuple(coordinate, coordinate).map((c) => c.join(',')),
  lon: coordinate,
  lat: coordinate,
  zoom: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(-1, 99, 1e9, 0.5)),
};

function paramArbitrary(
  param: OpenApiParameter,
  doc: OpenApiDocument,
  hostileRate: number,
): fc.Arbitrary<unknown> {
  const fromSchema = arbitraryFor(param.schema ?? { type: 'string' }, {
    components: doc.components?.schemas,
    hostileRate,
  });
  const hint = HINTS[param.name];
  return hint ? fc.oneof(hint, fromSchema) : fromSchema;
}

function caseArbitrary(
  op: Operation,
  index: number,
  doc: OpenApiDocument,
  hostileRate: number,
): fc.Arbitrary<FuzzCase> {
  const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const value = (v: unknown): ParamChoice => ({ kind: 'value', value: v });
  const param: fc.Arbitrary<ParamChoice> = fc.oneof(
    {
      weight: 6,
      // Mostly an id of the kind the parameter names; now and then any id seen.
      arbitrary: fc
        .tuple(unit, unit)
        .map(([pick, other]): ParamChoice => ({ kind: 'known', pick, anyKind: other < 0.15 })),
    },
    { weight: 2, arbitrary: fc.uuid().map(value) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(value) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(value) },
  );
  const query = fc
    .tuple(
      ...op.queryParams.map((p) =>
        // Most optional filters left out: each one given narrows what a request can reach.
        fc.oneof(
          {
            weight: p.required ? 19 : 1,
            arbitrary: paramArbitrary(p, doc, hostileRate).map((v): [string, unknown] | null => [
              p.name,
              v,
            ]),
          },
          { weight: p.required ? 1 : 3, arbitrary: fc.constant(null) },
        ),
      ),
    )
    .chain((pairs) => {
      const given = pairs.filter((p): p is [string, unknown] => p !== null);
      // Now and then a parameter twice (an array where a string is expected) or one unknown.
      return fc
        .option(
          fc.oneof(
            fc.constantFrom(...(given.length ? given : [['x', 1] as [string, unknown]])),
            fc.tuple(fc.constantFrom('x', 'page', 'limit', 'q', '__proto__'), hostileValue),
          ),
          { freq: 10 },
        )
        .map((extra) => (extra ? [...given, extra] : given));
    });
  const takesBody = WRITES.has(op.method);
  const schemaBody = op.bodySchema
    ? arbitraryFor(op.bodySchema, { components: doc.components?.schemas, hostileRate })
    : fc.constant({});
  const body: fc.Arbitrary<BodyChoice> = takesBody
    ? fc.oneof(
        { weight: 16, arbitrary: schemaBody.map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: hostileValue.map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: hostileRawBody.map((raw) => ({ kind: 'raw' as const, ...raw })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      )
    : fc.oneof(
        { weight: 19, arbitrary: fc.constant({ kind: 'none' as const }) },
        { weight: 1, arbitrary: hostileRawBody.map((raw) => ({ kind: 'raw' as const, ...raw })) },
      );
  return fc.record({
    op: fc.constant(index),
    role: fc.constantFrom(...ROLES),
    params: fc.tuple(...op.pathParams.map(() => param)),
    query,
    body,
    origin: fc.oneof(
      { weight: 17, arbitrary: fc.constant('own' as const) },
      { weight: 1, arbitrary: fc.constant('wrong' as const) },
      { weight: 1, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constant('cross-site' as const) },
    ),
    idempotencyKey: fc.option(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3') },
        { weight: 1, arbitrary: fc.constantFrom('k'.repeat(101), '\u00e9', ' ', 'a\tb') },
      ),
      { freq: 5 },
    ),
  });
}

/** Requests for every operation of the document. */
export function fuzzCases(
  doc: OpenApiDocument,
  operations: Operation[],
  hostileRate: number,
): fc.Arbitrary<FuzzCase> {
  // A GET that takes no input at all answers the same each time (and some are large): it is
  // asked a quarter as often as a route with input to vary.
  return fc.oneof(
    ...operations.map((op, i) => ({
      weight: op.method === 'GET' && op.pathParams.length + op.queryParams.length === 0 ? 1 : 4,
      arbitrary: caseArbitrary(op, i, doc, hostileRate),
    })),
  );
}

/**
 * Percent-encodes a path or query value. A lone surrogate has no UTF-8 form, so it goes as
 * the bytes a careless encoder writes for it (invalid UTF-8): the server must refuse those.
 */
export function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  // An array is sent as comma-separated values; anything nested deeper as its JSON.
  const json = (v: unknown) =>
    typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return Array.isArray(value) ? value.map(json).join(',') : json(value);
}

// Node refuses a request line past 16 kB before the app sees it; that is not the app's answer.
const MAX_URL = 8_000;

/** The request path of a case: its parameters filled in, its query string encoded. */
export function urlOf(op: Operation, c: FuzzCase, known: KnownIds): string {
  let i = 0;
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const choice = c.params[i++]!;
    const value =
      choice.kind === 'known'
        ? known.pick(name, resourceOf(op.path), choice.pick, choice.anyKind)
        : asText(choice.value);
    return encode(value).slice(0, 2_000);
  });
  const query = c.query.map(([k, v]) => `${encode(k)}=${encode(asText(v))}`).join('&');
  return `${path}${query ? `?${query}` : ''}`.slice(0, MAX_URL);
}
