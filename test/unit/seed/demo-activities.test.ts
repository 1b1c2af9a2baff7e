import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ActivityCreate } from '@shared/schemas/activities';
import { loadConfig } from '../../../server/src/config';
import type { TerritoryImport } from '../../../server/src/features/territories/territories.repo';
import {
  apportion,
  generateDemoCatalogue,
  type DemoCatalogue,
} from '../../../seed/demo-activities';
import { territoryLocator, ukPlaces, type Place } from '../../../seed/places';
import { readTerritoryBoundaries } from '../../../seed/territories';

let territories: TerritoryImport[];
let places: Place[];
let locate: ReturnType<typeof territoryLocator>['locate'];
let contains: ReturnType<typeof territoryLocator>['contains'];
const measureCodes = new Set(['NT28', 'NT29', 'NT3', 'NT4']);

const generate = (count: number, seed: number): DemoCatalogue =>
  generateDemoCatalogue({
    count,
    seed,
    places,
    inTerritory: (lon, lat, code) => contains(code, lon, lat),
    measureCodes,
  });

beforeAll(async () => {
  territories = await readTerritoryBoundaries(loadConfig().boundariesFile);
  places = ukPlaces(territories);
  ({ locate, contains } = territoryLocator(territories));
});

describe('apportioning activities to territories', () => {
  it('hands out exactly n, at least the floor each, in proportion otherwise (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 2 }),
        (weights, extra, floor) => {
          const n = floor * weights.length + extra;
          const shares = apportion(n, weights, floor);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(n);
          const total = weights.reduce((a, b) => a + b, 0);
          shares.forEach((share, i) => {
            expect(share).toBeGreaterThanOrEqual(floor);
            // Largest remainder: never more than one away from the exact share.
            expect(Math.abs(share - floor - (extra * weights[i]!) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe('the demo catalogue', () => {
  it('is the same for the same seed and different for another', () => {
    expect(generate(300, 7)).toEqual(generate(300, 7));
    expect(generate(300, 8).activities[0]).not.toEqual(generate(300, 7).activities[0]);
  });

  it('covers all 45 territories in proportion to their places’ population', () => {
    const n = 10_000;
    const { activities } = generate(n, 1);
    expect(activities).toHaveLength(n);
    const counts = new Map<string, number>();
    for (const a of activities) {
      const code = locate(a.input.location.lon, a.input.location.lat)?.code ?? 'outside';
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    expect(counts.has('outside')).toBe(false);
    expect(counts.size).toBe(45);
    const population = new Map<string, number>();
    for (const p of places)
      population.set(p.territory, (population.get(p.territory) ?? 0) + p.population);
    const total = [...population.values()].reduce((a, b) => a + b, 0);
    for (const [code, people] of population) {
      // One each first, then the rest by population (largest remainder: within one).
      const expected = 1 + ((n - 45) * people) / total;
      expect([code, Math.abs(counts.get(code)! - expected) < 1]).toEqual([code, true]);
    }
  });

  it('puts activities near real towns, not evenly over moor and sea', () => {
    const { activities } = generate(500, 3);
    const nearest = (lon: number, lat: number) =>
      Math.min(
        ...places.map(
          (p) => Math.hypot((p.lon - lon) * Math.cos((lat * Math.PI) / 180), p.lat - lat) * 111.2,
        ),
      );
    const distances = activities.map((a) => nearest(a.input.location.lon, a.input.location.lat));
    distances.sort((a, b) => a - b);
    // Median within a few km of a town of 1,000+ people; none in the empty middle of nowhere.
    expect(distances[Math.floor(distances.length / 2)]!).toBeLessThan(5);
    expect(distances.at(-1)!).toBeLessThan(60);
  });

  it('is labelled demo and valid against the shared schema, with local providers', () => {
    const { providers, activities } = generate(500, 2);
    const byId = new Map(providers.map((p) => [p.id, p]));
    for (const a of activities) {
      expect(ActivityCreate.safeParse(a.input).success).toBe(true);
      expect(a.input.description).toMatch(/Demo data/);
      const provider = byId.get(a.providerId)!;
      expect(provider.name).toMatch(/\(demo\)$/);
      expect(locate(a.input.location.lon, a.input.location.lat)?.code).toBe(provider.territory);
      for (const m of a.input.measures) expect(measureCodes.has(m.code)).toBe(true);
    }
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    const statuses = new Set(activities.map((a) => (a.closed ? 'closed' : a.input.status)));
    expect([...statuses].sort()).toEqual(['active', 'at_risk', 'closed', 'paused']);
  });
});
