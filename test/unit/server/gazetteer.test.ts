import { expect, it } from '@jest/globals';
import { createGazetteer, loadUkGazetteer } from '../../../server/src/lib/gazetteer';

const places = createGazetteer([
  { name: 'Reading', population: 318_000, lon: -0.9731, lat: 51.4562 },
  { name: 'Earley', population: 32_000, lon: -0.9333, lat: 51.4333 },
  { name: 'Pangbourne', population: 2_900, lon: -1.0868, lat: 51.4836 },
]);

it('names a point by the largest town within 8 km rather than the nearest village', () => {
  expect(places.nearest(-0.935, 51.435)).toEqual({ name: 'Reading', km: 3.5 });
});

it('names a point with no town within 8 km by the nearest place within 40 km', () => {
  expect(places.nearest(-1.2, 51.5)).toEqual({ name: 'Pangbourne', km: 8 });
});

it('names no place for a point more than 40 km from every one', () => {
  expect(places.nearest(-3, 51.5)).toBeNull();
});

it("reads the UK's places from the gazetteer package, Northern Ireland's too", async () => {
  const uk = await loadUkGazetteer();
  expect(uk.nearest(-1.2577, 51.752)).toMatchObject({ name: 'Oxford' });
  expect(uk.nearest(-5.93, 54.6)).toMatchObject({ name: 'Belfast' });
});
