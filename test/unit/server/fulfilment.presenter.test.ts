import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { FulfilmentLine } from '@shared/schemas/fulfilment';
import { fulfilmentCsv } from '../../../server/src/features/fulfilment/fulfilment.presenter';

/** A line whose people-typed titles are `titles`; its figures do not matter here. */
function lineTitled(titles: { tender: string; activity: string; provider: string }) {
  return {
    tender: { id: 't', title: titles.tender },
    supplier: { id: 's', name: 'Acme Ltd' },
    activity: {
      id: 'a',
      title: titles.activity,
      territory: 'E23000029',
      providerId: 'p',
      providerName: titles.provider,
    },
    kind: 'cash',
    unitLabel: 'pence',
    figures: {
      committed: 1,
      dueToDate: 1,
      deliveredToDate: 1,
      ratioToDate: 1,
      dueThisYear: 0,
      deliveredThisYear: 0,
    },
    counts: { overdue: 0, disputed: 0, unverified: 0 },
  } as unknown as FulfilmentLine;
}

describe('the fulfilment CSV', () => {
  it('keeps a title that looks like a spreadsheet formula from running as one', () => {
    const csv = fulfilmentCsv([
      lineTitled({
        tender: '=HYPERLINK("http://evil.example","x")',
        activity: '+1+1',
        provider: '@SUM(A1)',
      }),
    ]);
    const [, row] = parse(csv) as string[][];
    expect(row!.slice(0, 4)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      'Acme Ltd',
      "'+1+1",
      "'@SUM(A1)",
    ]);
  });

  it('leaves ordinary titles as they were typed', () => {
    const csv = fulfilmentCsv([
      lineTitled({
        tender: 'Fleet maintenance, 2027',
        activity: 'Youth club',
        provider: 'Riverside Trust',
      }),
    ]);
    const [, row] = parse(csv) as string[][];
    expect(row!.slice(0, 4)).toEqual([
      'Fleet maintenance, 2027',
      'Acme Ltd',
      'Youth club',
      'Riverside Trust',
    ]);
  });
});
