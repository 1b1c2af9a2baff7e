import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LocateQuery, TerritoryCode } from '@shared/schemas/territories';

describe('LocateQuery', () => {
  it('reads any in-range decimal written as text back to the same number', () => {
    fc.assert(
      fc.property(
        // String(-0) is "0": negative zero is not a coordinate anyone writes.
        fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
        fc.double({ min: -90, max: 90, noNaN: true }).map((n) => n + 0),
        (lon, lat) => {
          expect(LocateQuery.parse({ lon: String(lon), lat: String(lat) })).toEqual({ lon, lat });
        },
      ),
    );
  });

  it('names the missing coordinate', () => {
    const result = LocateQuery.safeParse({ lat: '51' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toEqual(
      expect.objectContaining({ path: ['lon'], message: 'lon is required' }),
    );
  });

  it.each(['', ' ', 'abc', '1,5', '0x1A', 'Infinity', '1e999'])('refuses %j', (lon) => {
    expect(LocateQuery.safeParse({ lon, lat: '51' }).success).toBe(false);
  });
});

describe('TerritoryCode', () => {
  it.each(['E23000029', 'W15000004', 'S23000009', 'N23000001'])('accepts %s', (code) => {
    expect(TerritoryCode.parse(code)).toBe(code);
  });
  it.each(['E06000001', 'E2300002', 'x23000001', ''])('refuses %j', (code) => {
    expect(TerritoryCode.safeParse(code).success).toBe(false);
  });
});
