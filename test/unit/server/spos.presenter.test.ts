import { describe, expect, it } from '@jest/globals';
import { SpoFigures, SpoLineView } from '@shared/schemas/tenders';
import { readSealed } from '../../../server/src/features/spos/spos.presenter';

const line = {
  id: '6f1c2a1e-8f1d-4b0e-9a52-2f1d3c4b5a69',
  activity: {
    id: '0b9e7c52-1d4f-4a3b-8c2e-5f6a7b8c9d0e',
    title: 'Night shelter',
    territory: 'E23000029',
    status: 'active',
    providerId: '11111111-1111-4111-8111-111111111111',
    providerName: 'Riverside Youth Trust (demo)',
  },
  kind: 'cash',
  annualPence: 1_234_500,
  description: null,
  annualHours: null,
  measure: null,
  annualQuantity: null,
  annualProxyPence: 1_234_500,
  status: 'accepted',
  providerNote: '',
};
const figures = {
  annualContributionPence: 1_234_500,
  totalContributionPence: 3_703_500,
  ratePencePerMillion: 1_234_500,
  compliant: true,
  band: 'baseline',
  annualProxyPence: 1_234_500,
  totalProxyPence: 3_703_500,
  secondary: [],
};

describe('a sealed SPO version read back', () => {
  it('answers a version sealed before lines carried capacityExceeded in the current shape', () => {
    const sealed = readSealed(JSON.stringify({ spoId: 'x', version: 1, lines: [line], figures }));
    expect(sealed.lines[0]!.capacityExceeded).toBe(false);
    expect(SpoLineView.safeParse(sealed.lines[0]).success).toBe(true);
    expect(SpoFigures.safeParse(sealed.figures).success).toBe(true);
  });

  it('keeps the flag of a version that recorded it', () => {
    const flagged = { ...line, capacityExceeded: true };
    const sealed = readSealed(JSON.stringify({ lines: [flagged], figures }));
    expect(sealed.lines[0]!.capacityExceeded).toBe(true);
  });
});
