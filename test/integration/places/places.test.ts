import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { PlaceMatch } from '@shared/schemas/places';
import { createTestApp, type TestApp } from '../../support/test-app';

const THAMES_VALLEY = 'E23000029';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function search(q: string, limit?: number): Promise<PlaceMatch[]> {
  const res = await request(t.app)
    .get('/api/places')
    .query(limit === undefined ? { q } : { q, limit });
  expect(res.status).toBe(200);
  return (res.body as { items: PlaceMatch[] }).items;
}

describe('GET /api/places', () => {
  it('finds a postcode district by its outward code, with the town it is near and its territory', async () => {
    const [first] = await search('OX4');
    expect(first).toEqual({
      name: 'OX4',
      kind: 'postcode_district',
      near: 'Oxford',
      lon: expect.closeTo(-1.21, 1),
      lat: expect.closeTo(51.73, 1),
      territory: { code: THAMES_VALLEY, name: 'Thames Valley' },
      movedInland: false,
    });
  });

  it.each(['ox4', ' OX4 ', 'ox 4', 'OX4 1AA', 'ox41aa'])(
    'reads %p as the district OX4, whatever the case and spacing',
    async (q) => {
      expect((await search(q))[0]?.name).toBe('OX4');
    },
  );

  it('lists districts that start with the code after the district itself', async () => {
    const names = (await search('OX4')).map((p) => p.name);
    expect(names.slice(0, 3)).toEqual(['OX4', 'OX44', 'OX49']);
  });

  it('finds a town by its name, in its territory', async () => {
    const [first] = await search('Oxford');
    expect(first).toMatchObject({
      name: 'Oxford',
      kind: 'town',
      near: null,
      territory: { code: THAMES_VALLEY },
    });
  });

  it.each(['reading', 'READING', '  Reading  ', 'Readi'])(
    'finds Reading for %p, blind to case and spacing, and by the start of its name',
    async (q) => {
      const [first] = await search(q);
      expect(first).toMatchObject({
        name: 'Reading',
        kind: 'town',
        territory: { code: THAMES_VALLEY },
      });
    },
  );

  it('finds a town by a later word of its name, and "saint" as "St"', async () => {
    expect((await search('upon tyne')).map((p) => p.name)).toContain('Newcastle upon Tyne');
    expect((await search('saint albans'))[0]?.name).toBe('St Albans');
  });

  it('offers towns starting with two letters before the districts of that postcode area', async () => {
    const found = await search('ox');
    expect(found[0]?.kind).toBe('town');
    expect(found.map((p) => p.name)).toContain('Oxford');
    expect(found.filter((p) => p.kind === 'postcode_district').map((p) => p.name)).toEqual(
      expect.arrayContaining(['OX1', 'OX2']),
    );
  });

  it('moves a town the generalised coastline leaves at sea to the nearest point inland', async () => {
    const [lowestoft] = await search('Lowestoft');
    expect(lowestoft).toMatchObject({ name: 'Lowestoft', movedInland: true });
    const res = await request(t.app)
      .get('/api/territories/locate')
      .query({ lon: lowestoft!.lon, lat: lowestoft!.lat });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(lowestoft!.territory.code);
  });

  it('finds Northern Ireland by town, not by its postcode districts (not under the OGL)', async () => {
    expect((await search('Belfast'))[0]).toMatchObject({ name: 'Belfast', kind: 'town' });
    expect((await search('Belfast'))[0]?.territory.code).toMatch(/^N/);
    expect((await search('BT1')).filter((p) => p.kind === 'postcode_district')).toEqual([]);
  });

  it('answers at most 10 places, or the limit asked for', async () => {
    expect(await search('new')).toHaveLength(10);
    expect(await search('new', 3)).toHaveLength(3);
  });

  it('answers an empty list for a place it does not know', async () => {
    expect(await search('Xyzzyville')).toEqual([]);
  });

  it.each([
    ['an empty search', { q: '' }, 'q', 'Enter a town or postcode district'],
    ['a search of spaces', { q: '   ' }, 'q', 'Enter a town or postcode district'],
    ['no search', {}, 'q', 'Enter a town or postcode district'],
    [
      'a search over 60 characters',
      { q: 'x'.repeat(61) },
      'q',
      'Place search must be 60 characters or fewer',
    ],
    ['a limit of 0', { q: 'ox', limit: 0 }, 'limit', 'Limit must be a whole number from 1 to 10'],
    ['a limit of 11', { q: 'ox', limit: 11 }, 'limit', 'Limit must be a whole number from 1 to 10'],
    [
      'a limit that is a word',
      { q: 'ox', limit: 'ten' },
      'limit',
      'Limit must be a whole number from 1 to 10',
    ],
  ])('refuses %s with a clear 400 naming the field', async (_case, query, path, message) => {
    const res = await request(t.app).get('/api/places').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path, message }],
    });
    expect(res.body.error.message).toContain(message);
  });
});
