import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  codeKey,
  comparePledges,
  pledgeMismatch,
  previewPledgeTable,
  PledgeTableError,
  readPledgeTable as readWith,
  readQuantity,
  readStatedValue,
  type PledgeMeasure,
} from '@shared/pledge-import';
import { PLEDGE_TABLE_MAX_ROWS, PledgePreview } from '@shared/schemas/pledge-import';

/** quantity × proxy in pence, half up, by integer arithmetic of its own (not the app's big.js). */
function oraclePence(quantity: string, proxy: string): number {
  const scaled = (text: string, places: number) => {
    const [whole = '0', fraction = ''] = text.split('.');
    return BigInt(whole + fraction.padEnd(places, '0'));
  };
  const tenths = scaled(quantity, 4) * scaled(proxy, 6) * 100n; // × 10^10
  const unit = 10n ** 10n;
  return Number((tenths * 2n + unit) / (2n * unit));
}

const STARTER = 'national-toms-starter';
const readPledgeTable = (csv: string) => readWith(csv, parse);
const measure = (code: string, proxyValueGbp: string, unit = 'no. units'): PledgeMeasure => ({
  framework: STARTER,
  code,
  measure: `Measure ${code}`,
  unit,
  proxyValueGbp,
});
// Proxies as the starter framework has them (seed/data/national-toms/toms-measures.csv).
const MEASURES = [
  measure('NT1', '30782', 'no. people FTE'),
  measure('NT1c', '30782', 'no. people FTE'),
  measure('NT8', '16.09', 'no. staff hours'),
  measure('NT18', '0.963812', '£'),
  measure('NT29', '16.09', 'no. staff volunteering hours'),
  measure('NT32', '0.02223', 'miles saved'),
];

const preview = (csv: string) =>
  previewPledgeTable(csv, parse, MEASURES, [{ id: STARTER, name: 'Starter' }]);
const row = (csv: string, n = 0) => preview(csv).rows[n]!;

describe('the mismatch tolerance (more than £1 and more than 0.5 %)', () => {
  it('finds no mismatch when the stated value is the computed one exactly', () => {
    expect(pledgeMismatch(643_600, 643_600)).toBe(false);
    expect(pledgeMismatch(0, 0)).toBe(false);
  });

  it('allows up to £1 on a small line, where 0.5 % would be a few pence', () => {
    // 3 hours at £16.09 is £48.27; a table rounding to the pound states £48.
    expect(pledgeMismatch(4_800, 4_827)).toBe(false);
    expect(pledgeMismatch(4_927, 4_827)).toBe(false);
    expect(pledgeMismatch(4_928, 4_827)).toBe(true);
  });

  it('allows up to 0.5 % on a large line, where £1 would be nothing', () => {
    // £100,000 computed: 0.5 % is £500.
    expect(pledgeMismatch(10_050_000, 10_000_000)).toBe(false);
    expect(pledgeMismatch(9_950_000, 10_000_000)).toBe(false);
    expect(pledgeMismatch(10_050_001, 10_000_000)).toBe(true);
    expect(pledgeMismatch(9_949_999, 10_000_000)).toBe(true);
  });

  it('flags a value stated where the computed value is nothing, beyond £1', () => {
    expect(pledgeMismatch(100, 0)).toBe(false);
    expect(pledgeMismatch(101, 0)).toBe(true);
  });

  it('never flags a value stated equal to the computed one, whatever the quantity and proxy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (pence) => {
        expect(pledgeMismatch(pence, pence)).toBe(false);
      }),
    );
  });

  it('flags every difference beyond both allowances, and none within either', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 10 }),
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        (computed, delta) => {
          const stated = Math.max(0, computed + delta);
          const difference = Math.abs(stated - computed);
          const beyond = difference > 100 && difference * 1000 > computed * 5;
          expect(pledgeMismatch(stated, computed)).toBe(beyond);
        },
      ),
    );
  });
});

describe('reading a pledge table', () => {
  it('reads the header names councils use, in any order and case', () => {
    const variants = [
      'code,quantity,stated value',
      'TOMs ref,Measure,Units,Value (£)',
      'Ref,Description,Qty,£',
      'Stated value GBP,Quantity,TOMs code',
      'Measure,TOMs Reference,No. of units,Social value',
    ];
    for (const header of variants) {
      const names = header.split(',').map((h) => h.toLowerCase());
      const cells: Record<string, string> = {};
      names.forEach((name, index) => {
        if (/code|ref/.test(name)) cells[index] = 'NT29';
        else if (/quantity|units|qty/.test(name)) cells[index] = '400';
        else if (/value|£/.test(name)) cells[index] = '"£6,436.00"';
        else cells[index] = 'Volunteering hours';
      });
      const line = names.map((_, index) => cells[index]).join(',');
      const table = readPledgeTable(`${header}\n${line}\n`);
      expect({ header, table }).toEqual({
        header,
        table: {
          header: true,
          rows: [
            {
              row: 2,
              code: 'NT29',
              framework: undefined,
              quantity: '400',
              statedPence: 643_600,
              problems: [],
            },
          ],
          skipped: [],
        },
      });
    }
  });

  it('prefers a Quantity column to a Units column when a table has both', () => {
    const table = readPledgeTable('Code,Units,Quantity,Value\nNT8,no. staff hours,10,160.90\n');
    expect(table.rows[0]!.quantity).toBe('10');
  });

  it('takes code, quantity and value in that order when there is no header', () => {
    const table = readPledgeTable('NT29,120,1930.80\nNT8,3,\n');
    expect(table.header).toBe(false);
    expect(table.rows.map((r) => [r.row, r.code, r.quantity, r.statedPence])).toEqual([
      [1, 'NT29', '120', 193_080],
      [2, 'NT8', '3', null],
    ]);
  });

  it('numbers rows as a spreadsheet does, past title rows, blank rows and a totals row', () => {
    const csv = [
      'Social value pledge,,,',
      'Contract TVP-2027-014,,,',
      '',
      'TOMs ref,Measure,Quantity,Stated value',
      'NT29,Volunteering,100,"£1,609.00"',
      ',,,',
      'NT8,School visits,"1,200",19308',
      'Total,,,"£20,917.00"',
    ].join('\r\n');
    const table = readPledgeTable(csv);
    expect(table.rows.map((r) => [r.row, r.code, r.quantity, r.statedPence])).toEqual([
      [5, 'NT29', '100', 160_900],
      [7, 'NT8', '1200', 1_930_800],
    ]);
    expect(table.skipped.map((s) => s.row)).toEqual([1, 2, 8]);
    expect(table.skipped[2]!.reason).toMatch(/totals/);
  });

  it('reads a byte-order mark and quoted fields with commas and line breaks', () => {
    const table = readPledgeTable(
      '\uFEFFcode,"measure, in words",quantity,value\nNT29,"a\nb",2,"32.18"\n',
    );
    expect(table.rows).toEqual([
      expect.objectContaining({ code: 'NT29', quantity: '2', statedPence: 3_218 }),
    ]);
  });

  it('keeps a wrong row with its problems', () => {
    const table = readPledgeTable(
      'code,quantity,value\n,5,\nNT29,,100\nNT29,lots,100\nNT29,0,\nNT29,1.23456,\nNT29,2,about £30\n',
    );
    expect(table.rows.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([
      [2, ['missing_code']],
      [3, ['missing_quantity']],
      [4, ['invalid_quantity']],
      [5, ['invalid_quantity']],
      [6, ['invalid_quantity']],
      [7, ['invalid_stated_value']],
    ]);
    expect(table.rows[3]!.problems[0]!.message).toMatch(/more than 0/);
  });

  it('refuses an empty table, a header with no rows, and text that is not CSV', () => {
    expect(() => readPledgeTable(' \n,,\n')).toThrow(/empty/);
    expect(() => readPledgeTable('code,quantity,value\n')).toThrow(/no rows/);
    expect(() => readPledgeTable('code,quantity\n"NT29,5\n')).toThrow(PledgeTableError);
  });

  it(`refuses more than ${PLEDGE_TABLE_MAX_ROWS} rows and more than 200 kB, saying so`, () => {
    const rows = (n: number) => Array.from({ length: n }, () => 'NT29,1,16.09').join('\n');
    expect(
      readPledgeTable(`code,quantity,value\n${rows(PLEDGE_TABLE_MAX_ROWS)}`).rows,
    ).toHaveLength(PLEDGE_TABLE_MAX_ROWS);
    expect(() =>
      readPledgeTable(`code,quantity,value\n${rows(PLEDGE_TABLE_MAX_ROWS + 1)}`),
    ).toThrow(/501 rows; at most 500/);
    const big = `code,quantity,value\nNT29,1,16.09,${'x'.repeat(200_000)}\n`;
    expect(() => readPledgeTable(big)).toThrow(/at most 200 kB/);
    // Counted in bytes: 70,000 pound signs are 140 kB of UTF-8 and pass; 100,001 do not.
    expect(() => readPledgeTable(`NT29,1,${'£'.repeat(70_000)}`)).not.toThrow(/kB/);
    expect(() => readPledgeTable(`NT29,1,${'£'.repeat(100_001)}`)).toThrow(/at most 200 kB/);
  });
});

describe('reading quantities and values', () => {
  it.each([
    ['12', '12'],
    ['12.5', '12.5'],
    ['1,200', '1200'],
    [' 007 ', '7'],
    ['12.50', '12.5'],
    ['£250,000', '250000'],
    ['0.0001', '0.0001'],
  ])('reads the quantity %j as %j', (text, quantity) => {
    expect(readQuantity(text)).toEqual({ quantity });
  });

  it.each(['', '-3', '1e3', '12 hours', '0', '0.00', '1234567890', '1.23456'])(
    'refuses the quantity %j',
    (text) => {
      expect(readQuantity(text)).toEqual({
        problem: expect.objectContaining({ column: 'quantity' }),
      });
    },
  );

  it.each([
    ['£12,500.00', 1_250_000],
    ['12500', 1_250_000],
    ['12,500.5', 1_250_050],
    ['GBP 99.99', 9_999],
    ['', null],
    ['  ', null],
  ])('reads the stated value %j as %j pence', (text, statedPence) => {
    expect(readStatedValue(text)).toEqual({ statedPence });
  });

  it.each(['-£5', '£12.345', '12k', 'n/a', '£200,000,000,000'])(
    'refuses the stated value %j',
    (text) => {
      expect(readStatedValue(text)).toEqual({
        problem: expect.objectContaining({ code: 'invalid_stated_value' }),
      });
    },
  );
});

describe('valuing a pledge table at the TOMs proxies', () => {
  it('matches codes as our framework writes them', () => {
    expect(codeKey('nt01')).toBe(codeKey('NT1'));
    expect(codeKey('NT 29')).toBe(codeKey('NT29'));
    expect(codeKey('nt1C')).toBe(codeKey('NT1c'));
    expect(codeKey('NT10')).not.toBe(codeKey('NT1'));
    expect(row('code,quantity\nnt01,2\n')).toMatchObject({ code: 'NT1', measure: 'Measure NT1' });
    expect(row('code,quantity\nNT-29,2\n')).toMatchObject({ code: 'NT29' });
  });

  it('computes quantity × proxy to the penny, with the difference and no mismatch when equal', () => {
    expect(row('code,quantity,value\nNT29,400,"£6,436.00"\n')).toEqual({
      row: 2,
      code: 'NT29',
      framework: STARTER,
      measure: 'Measure NT29',
      unit: 'no. staff volunteering hours',
      quantity: '400',
      proxyValueGbp: '16.09',
      computedPence: 643_600,
      statedPence: 643_600,
      differencePence: 0,
      mismatch: false,
      problems: [],
    });
  });

  it('rounds the computed value half up to the penny, exactly', () => {
    // 1 mile × £0.02223 is 2.223p; 5 miles 11.115p → 11p; 15 miles 33.345p → 33p;
    // 1,000 pounds spent locally × 0.963812 is £963.812 → £963.81.
    expect(row('code,quantity\nNT32,1\n').computedPence).toBe(2);
    expect(row('code,quantity\nNT32,5\n').computedPence).toBe(11);
    expect(row('code,quantity\nNT32,20\n').computedPence).toBe(44);
    expect(row('code,quantity\nNT18,1000\n').computedPence).toBe(96_381);
    expect(row('code,quantity\nNT18,0.5\n').computedPence).toBe(48);
  });

  it('flags a stated value beyond the tolerance, with the difference, and not one within it', () => {
    const table = preview(
      [
        'code,quantity,value',
        'NT29,100,2000', // £1,609 computed: £391 over
        'NT29,100,1609.99', // 99p over
        'NT8,3,48', // 27p under on £48.27
        'NT1,2,61500', // £64 under on £61,564: 0.1 %
        'NT1,2,61000', // £564 under: 0.9 %
        'NT29,100,', // nothing stated
      ].join('\n'),
    );
    expect(table.rows.map((r) => [r.differencePence, r.mismatch])).toEqual([
      [39_100, true],
      [99, false],
      [-27, false],
      [-6_400, false],
      [-56_400, true],
      [null, false],
    ]);
    expect(table.totals).toEqual({
      validRows: 6,
      problemRows: 0,
      mismatchRows: 2,
      computedPence: 160_900 * 3 + 4_827 + 6_156_400 * 2,
      statedPence: 200_000 + 160_999 + 4_800 + 6_150_000 + 6_100_000,
      differencePence: 39_100 + 99 - 27 - 6_400 - 56_400,
    });
  });

  it('reports unknown codes and frameworks, and leaves such rows out of the totals', () => {
    const table = previewPledgeTable(
      'code,framework,quantity,value\nNT999,,5,10\nNT29,Someone else’s TOMs,5,80.45\nNT29,starter,5,80.45\nNT29,national-toms-starter,5,80.45\n',
      parse,
      MEASURES,
      [{ id: STARTER, name: 'Starter' }],
    );
    expect(table.rows.map((r) => r.problems.map((p) => p.code))).toEqual([
      ['unknown_code'],
      ['framework_not_found'],
      [],
      [],
    ]);
    expect(table.rows[0]).toMatchObject({ code: 'NT999', computedPence: null, mismatch: false });
    expect(table.totals).toMatchObject({ validRows: 2, problemRows: 2, computedPence: 16_090 });
  });

  it('answers in the shape the API sends', () => {
    expect(
      PledgePreview.safeParse(preview('code,quantity,value\nNT29,1,16.09\nNT999,,x\n')).success,
    ).toBe(true);
  });

  it('computes quantity × proxy for any quantity and proxy, and flags no stated value equal to it', () => {
    const decimal = (maxWhole: number, places: number) =>
      fc
        .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** places - 1 }))
        .map(([whole, fraction]) =>
          fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(places, '0')}`,
        );
    fc.assert(
      fc.property(
        decimal(99_999, 4).filter((q) => /[1-9]/.test(q)),
        decimal(99_999, 6),
        (quantity, proxy) => {
          const computed = oraclePence(quantity, proxy);
          const [line] = comparePledges(readPledgeTable(`NT8,${quantity},\n`), [
            measure('NT8', proxy),
          ]).rows;
          expect(line!.computedPence).toBe(computed);
          const pounds = `${Math.floor(computed / 100)}.${String(computed % 100).padStart(2, '0')}`;
          const stated = comparePledges(readPledgeTable(`NT8,${quantity},${pounds}\n`), [
            measure('NT8', proxy),
          ]).rows[0]!;
          expect(stated).toMatchObject({
            statedPence: computed,
            differencePence: 0,
            mismatch: false,
          });
        },
      ),
    );
  });
});
