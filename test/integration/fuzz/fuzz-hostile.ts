import fc from 'fast-check';

/**
 * Values an attacker or a broken client sends, to be swapped in wherever a schema expects
 * something else: injection strings, control characters, text that is not valid UTF-16,
 * sizes past every limit, and geometry far outside the UK.
 */

/** A closed ring of `n` points around (lon, lat), as GeoJSON wants it (first = last). */
function ring(n: number, lon = -1.26, lat = 51.75, radius = 0.5): number[][] {
  const points = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [lon + radius * Math.cos(a), lat + radius * Math.sin(a)];
  });
  return [...points, points[0]!];
}

/** Strings that have broken web apps: each must be stored as text or refused, never run. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  '1; SELECT pg_sleep(5)--',
  "Robert'); DELETE FROM activities;--",
  '" OR ""="',
  '%27%20OR%201=1--',
  '$1',
  '\\',
  '\\x00',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '=cmd|" /C calc"!A0',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\ufeff\u202e\u200b',
  '\r\nSet-Cookie: x=1',
  '../../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'E23000029',
  'E23000029\u0000',
  '-180,-90,180,90',
  '-1e308,-1e308,1e308,1e308',
  'NaN,NaN,NaN,NaN',
  '1,2,3',
  '-8.7,49.8,1.8,60.9,0',
  '🙂'.repeat(100),
  'a'.repeat(10_000),
  'é'.repeat(70_000),
];

/** A string of `n` characters, some of them hostile, for the bodies and fields with limits. */
const hugeString = fc
  .constantFrom(1_000, 20_000, 99_000, 150_000)
  .chain((n) =>
    fc.constantFrom('x', '<', "'", '\u0000', '\ud800').map((c) => c.repeat(n).slice(0, n)),
  );

/** `depth` nested arrays or objects: a parser or a validator that recurses overflows its stack. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** A GeoJSON polygon with very many points, or one that crosses itself, or spans the world. */
const hostilePolygon = fc.constantFrom<unknown>(
  { type: 'Polygon', coordinates: [ring(20_000)] },
  {
    type: 'Polygon',
    coordinates: [
      [
        [-180, -90],
        [180, -90],
        [180, 90],
        [-180, 90],
        [-180, -90],
      ],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    ],
  },
  { type: 'Polygon', coordinates: [[[1e308, 1e308]]] },
  { type: 'MultiPolygon', coordinates: Array.from({ length: 500 }, () => [ring(40)]) },
  { type: 'Point', coordinates: [-1e308, 1e308] },
);

/** Any hostile value: a string above, a number at the edges, a huge or deep value, a polygon. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      0,
      -1,
      -0,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 31,
      -(2 ** 63),
      0.1,
      1e-300,
      true,
      false,
      null,
    ),
  },
  { weight: 1, arbitrary: hugeString },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(100, 1_000, 3_000)
      .chain((d) => fc.constantFrom<unknown>(deeplyNested(d, 'array'), deeplyNested(d, 'object'))),
  },
  { weight: 1, arbitrary: hostilePolygon },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      { constructor: { prototype: { polluted: true } } },
      Array.from({ length: 5_000 }, (_, i) => i),
      {},
      [],
    ),
  },
);

/** A value of another JSON type than the schema's (a string where a number goes, and so on). */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/**
 * Whole bodies that are not the JSON a route reads: broken syntax, the wrong content type,
 * a body past the parser's limit, or nesting deep enough to overflow a recursive validator.
 */
export const hostileRawBody: fc.Arbitrary<{ contentType: string; body: string | Buffer }> =
  fc.oneof(
    fc.constantFrom(
      { contentType: 'application/json', body: '{' },
      { contentType: 'application/json', body: '{"a":1,}' },
      { contentType: 'application/json', body: 'null' },
      { contentType: 'application/json', body: '"a string"' },
      { contentType: 'application/json', body: '[]' },
      { contentType: 'application/json', body: '1e999999' },
      { contentType: 'application/json', body: '{"a":"\\ud800"}' },
      { contentType: 'application/json', body: '\u0000' },
      { contentType: 'application/json; charset=utf-16', body: '{}' },
      { contentType: 'application/json; charset=bogus', body: '{}' },
      { contentType: 'text/plain', body: 'hello' },
      { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b[c]=2' },
      {
        contentType: 'application/xml',
        body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
      },
    ),
    fc.constant({
      contentType: 'application/json',
      body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]),
    }),
    fc.constantFrom(200_000, 1_200_000).map((n) => ({
      contentType: 'application/json',
      body: JSON.stringify({ a: 'x'.repeat(n) }),
    })),
    fc.constantFrom(1_000, 20_000).map((d) => ({
      contentType: 'application/json',
      body: '['.repeat(d) + ']'.repeat(d),
    })),
    fc.constantFrom(1_000, 5_000).map((d) => ({
      contentType: 'application/json',
      body: '{"a":'.repeat(d) + '1' + '}'.repeat(d),
    })),
  );
