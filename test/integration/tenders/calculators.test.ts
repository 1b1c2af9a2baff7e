import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/calculators/one-in-a-million', () => {
  it('answers the contribution, the total and one payment per anniversary, without sign-in', async () => {
    const res = await request(t.app).get(
      '/api/calculators/one-in-a-million?annualContractValue=1500000&ratePerMillion=5000&years=3&startDate=2027-04-01',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      annualContractValuePence: 150_000_000,
      ratePerMillionPence: 500_000,
      years: 3,
      annualContributionPence: 750_000,
      totalPence: 2_250_000,
      schedule: [
        { year: 1, due: '2028-04-01', amountPence: 750_000 },
        { year: 2, due: '2029-04-01', amountPence: 750_000 },
        { year: 3, due: '2030-04-01', amountPence: 750_000 },
      ],
    });
  });

  it.each([
    ['annualContractValue', 'annualContractValue=-5&ratePerMillion=5000&years=3'],
    ['ratePerMillion', 'annualContractValue=1000000&ratePerMillion=abc&years=3'],
    ['years', 'annualContractValue=1000000&ratePerMillion=5000&years=0'],
    ['years', 'annualContractValue=1000000&ratePerMillion=5000'],
  ])('refuses a bad %s with a 400 naming it', async (field, query) => {
    const res = await request(t.app).get(`/api/calculators/one-in-a-million?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe('POST /api/calculators/toms', () => {
  it('values each line at its proxy, flags stated values off by more than 0.5%, reports unknown codes per line', async () => {
    const res = await request(t.app)
      .post('/api/calculators/toms')
      .send({
        lines: [
          { code: 'NT29', quantity: 400, statedValue: 6436 },
          { code: 'nt29', quantity: '100', statedValue: 2000 },
          { code: 'NT999', quantity: 5 },
          { code: 'NT28', quantity: 2500 },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.lines).toEqual([
      expect.objectContaining({
        code: 'NT29',
        computedPence: 643_600,
        statedPence: 643_600,
        mismatch: false,
        error: null,
      }),
      expect.objectContaining({
        code: 'NT29',
        computedPence: 160_900,
        statedPence: 200_000,
        mismatch: true,
      }),
      expect.objectContaining({
        code: 'NT999',
        computedPence: null,
        mismatch: false,
        error: expect.stringMatching(/Unknown/),
      }),
      expect.objectContaining({ code: 'NT28', computedPence: 250_000, statedPence: null }),
    ]);
    expect(res.body.totalComputedPence).toBe(643_600 + 160_900 + 250_000);
    expect(res.body.totalStatedPence).toBe(643_600 + 200_000);
  });

  it('refuses a request with no lines or a negative quantity', async () => {
    expect((await request(t.app).post('/api/calculators/toms').send({ lines: [] })).status).toBe(
      400,
    );
    const negative = await request(t.app)
      .post('/api/calculators/toms')
      .send({ lines: [{ code: 'NT29', quantity: -1 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details[0].path).toBe('lines.0.quantity');
  });
});
