import fc from 'fast-check';
import { hostileValue, wrongType } from './fuzz-hostile';

/** The parts of a JSON Schema (2020-12, as OpenAPI 3.1 holds it) that the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
}

export interface ArbitraryOptions {
  /** The document's `components.schemas`, for `$ref`s. */
  components?: Record<string, JsonSchema>;
  /** At each value, the chance of a hostile value or one of another type instead. */
  hostileRate: number;
}

// Beyond this depth a schema that refers to itself yields only its smallest value.
const MAX_DEPTH = 6;

function resolve(schema: JsonSchema, options: ArbitraryOptions): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i += 1) {
    const name = s.$ref.replace(/^#\/components\/schemas\//, '');
    const target = options.components?.[name];
    if (!target) return {};
    s = target;
  }
  return s;
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  const list = t === undefined ? [] : Array.isArray(t) ? t : [t];
  return schema.nullable && !list.includes('null') ? [...list, 'null'] : list;
}

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  email: fc.emailAddress(),
  date: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc
    .date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  uri: fc.webUrl(),
  url: fc.webUrl(),
};

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  // Real limits are kept, but a valid string is rarely long: the hostile ones are.
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, minLength + 40));
  if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]!;
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot build from: any string of the right length.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin =
    typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax =
    typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = schema.minimum ?? exclusiveMin;
  const max = schema.maximum ?? exclusiveMax;
  if (integer) {
    const lo = Math.max(
      Number.MIN_SAFE_INTEGER,
      min === undefined ? -1_000_000 : Math.ceil(min + (exclusiveMin !== undefined ? 1 : 0)),
    );
    const hi = Math.min(
      Number.MAX_SAFE_INTEGER,
      max === undefined ? lo + 2_000_000 : Math.floor(max - (exclusiveMax !== undefined ? 1 : 0)),
    );
    return hi < lo ? fc.constant(lo) : fc.integer({ min: lo, max: hi });
  }
  return fc
    .double({
      min: min ?? -1e6,
      max: max ?? (min ?? -1e6) + 2e6,
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded: exclusiveMin !== undefined,
      maxExcluded: exclusiveMax !== undefined,
    })
    .map((n) => (schema.multipleOf ? Math.round(n / schema.multipleOf) * schema.multipleOf : n));
}

function objectArbitrary(
  schema: JsonSchema,
  options: ArbitraryOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    model[key] = arbitraryFor(property, options, depth + 1);
  }
  const known = fc.record(model, {
    requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
  });
  // Now and then a field the schema does not name (mass assignment: `isAdmin`, `id`, …).
  const extra = fc.dictionary(
    fc.constantFrom('id', 'isAdmin', 'is_admin', 'status', 'createdAt', 'organisationId', 'x'),
    hostileValue,
    { maxKeys: 2 },
  );
  return fc
    .tuple(known, fc.option(extra, { freq: 10 }))
    .map(([k, e]) => (e ? { ...e, ...(k as object) } : k));
}

function validArbitrary(
  raw: JsonSchema,
  options: ArbitraryOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  const schema = resolve(raw, options);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    return fc.oneof(...branches.map((b) => arbitraryFor(b, options, depth + 1)));
  }
  if (schema.allOf?.length) {
    // Objects are merged; anything else takes its first part (zod only emits allOf for those).
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map((p) => resolve(p, options))) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return Object.keys(merged.properties!).length
      ? objectArbitrary(merged, options, depth)
      : validArbitrary(schema.allOf[0]!, options, depth);
  }
  const types = typesOf(schema);
  const type =
    types.length > 1
      ? fc.constantFrom(...types)
      : fc.constant(types[0] ?? (schema.properties ? 'object' : 'any'));
  return type.chain((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'string':
        return stringArbitrary(schema);
      case 'array': {
        if (depth > MAX_DEPTH) return fc.constant([]);
        if (schema.prefixItems) {
          return fc.tuple(...schema.prefixItems.map((p) => arbitraryFor(p, options, depth + 1)));
        }
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, minLength + 4));
        const item = schema.items ? arbitraryFor(schema.items, options, depth + 1) : wrongType;
        return fc.array(item, { minLength, maxLength });
      }
      case 'object':
        return depth > MAX_DEPTH ? fc.constant({}) : objectArbitrary(schema, options, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
}

/**
 * An arbitrary of values for a JSON Schema: mostly valid ones (formats, lengths, bounds,
 * simple patterns, enums, unions, nullables), and at each value, with `hostileRate`, a
 * hostile value or one of another type, so that a request is sometimes wholly valid and
 * sometimes wrong in one place deep inside.
 */
export function arbitraryFor(
  schema: JsonSchema,
  options: ArbitraryOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, options, depth);
  if (options.hostileRate <= 0) return valid;
  const rate = Math.round(options.hostileRate * 1000);
  return fc.oneof(
    { weight: 1000 - rate, arbitrary: valid },
    { weight: Math.ceil(rate * 0.6), arbitrary: hostileValue },
    { weight: Math.floor(rate * 0.4), arbitrary: wrongType },
  );
}
