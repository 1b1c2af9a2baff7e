import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkPoint, fromTileUnits, parseAreaGeometry, toTileUnits } from '@shared/geo';
import { checkAreaGeometry } from '@shared/geo-validity';

const square = [
  [
    [0, 51],
    [1, 51],
    [1, 52],
    [0, 52],
    [0, 51],
  ],
];

describe('checkAreaGeometry', () => {
  it('accepts a simple polygon and a multipolygon', () => {
    expect(checkAreaGeometry({ type: 'Polygon', coordinates: square }).ok).toBe(true);
    expect(checkAreaGeometry({ type: 'MultiPolygon', coordinates: [square] }).ok).toBe(true);
  });

  it.each([
    [
      'a bow-tie',
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
    ],
    [
      'a ring that touches itself',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 1],
            [1, 0],
            [0, 2],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'a hole outside its shell',
      {
        type: 'Polygon',
        coordinates: [
          square[0],
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 5],
          ],
        ],
      },
    ],
    [
      'overlapping parts',
      {
        type: 'MultiPolygon',
        coordinates: [
          square,
          [
            [
              [0.5, 51],
              [1.5, 51],
              [1.5, 52],
              [0.5, 51],
            ],
          ],
        ],
      },
    ],
  ])('refuses %s with a reason', (_case, geometry) => {
    const result = checkAreaGeometry(geometry);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Geometry is not valid: /);
  });

  it.each([
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'a longitude beyond 180',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [181, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'a string coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['0', 0],
            [1, 0],
            [1, 1],
            ['0', 0],
          ],
        ],
      },
    ],
    [
      'a line',
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
    ['a null position', { type: 'Polygon', coordinates: [[null, [1, 0], [1, 1], null]] }],
    ['nothing', null],
  ])('refuses %s as malformed', (_case, geometry) => {
    const result = parseAreaGeometry(geometry);
    expect(result.ok).toBe(false);
    expect(checkAreaGeometry(geometry).ok).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => checkAreaGeometry(value)).not.toThrow();
        expect(() => checkAreaGeometry({ type: 'Polygon', coordinates: value })).not.toThrow();
      }),
    );
  });

  it('accepts every axis-aligned rectangle inside lon/lat range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 178, noNaN: true }),
        fc.double({ min: -89, max: 88, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (x, y, size) => {
          const ring = [
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
          ];
          expect(checkAreaGeometry({ type: 'Polygon', coordinates: [ring] }).ok).toBe(true);
        },
      ),
    );
  });
});

describe('checkPoint', () => {
  it('accepts a lon/lat point and refuses one out of range', () => {
    expect(checkPoint({ type: 'Point', coordinates: [-1.25, 51.75] }).ok).toBe(true);
    expect(checkPoint({ type: 'Point', coordinates: [51.75, -181] }).ok).toBe(false);
  });
});

describe('tile units (Web Mercator 0–1)', () => {
  it('round-trips lon/lat inside the Mercator world (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        (lon, lat) => {
          const [x, y] = toTileUnits(lon, lat);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
          const [lon2, lat2] = fromTileUnits(x, y);
          expect(Math.abs(lon2 - lon)).toBeLessThan(1e-9);
          expect(Math.abs(lat2 - lat)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('puts north above south, as tiles do', () => {
    expect(toTileUnits(0, 60)[1]).toBeLessThan(toTileUnits(0, 50)[1]);
    expect(toTileUnits(0, 0)).toEqual([0.5, 0.5]);
  });
});
