import { describe, expect, it } from '@jest/globals';
import {
  amountToSend,
  checkAnswer,
  checkReportDraft,
  describeReportStatus,
  evidenceFileProblem,
  formatAmount,
  formatBytes,
  receivedLabel,
  type ReportDraft,
} from '../../../../../client/src/features/delivery/delivery-format';

const LINE_ID = '0b9f5a43-7d4e-4a53-9a0f-3c1f2d7b8e01';
const REPORT_ID = '6c1e2f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00';

function draft(changes: Partial<ReportDraft> = {}): ReportDraft {
  return {
    lineId: LINE_ID,
    period: '1',
    amount: '1,250.50',
    evidenceNote: 'Transfer ref. 42',
    evidenceLinks: '',
    ...changes,
  };
}

const pence = { unit: 'pence', unitLabel: null } as const;
const hours = { unit: 'hours', unitLabel: null } as const;

describe('delivery amounts for people', () => {
  it('shows pence as pounds, to the penny only when there are pennies', () => {
    expect(formatAmount('125000', pence)).toBe('£1,250');
    expect(formatAmount('125050', pence)).toBe('£1,250.50');
  });

  it('shows hours and a measure’s quantity in their units, without trailing zeros', () => {
    expect(formatAmount('1', hours)).toBe('1 hour');
    expect(formatAmount('12.5000', hours)).toBe('12.5 hours');
    expect(formatAmount('1200', { unit: 'quantity', unitLabel: 'sessions' })).toBe(
      '1,200 sessions',
    );
  });

  it('says a part confirmation as how much of how much', () => {
    expect(
      describeReportStatus({
        status: 'part_confirmed',
        amount: '50000',
        confirmedAmount: '30000',
        ...pence,
      }),
    ).toBe('Part confirmed: £300 of £500');
    expect(
      describeReportStatus({ status: 'unverified', amount: '4', confirmedAmount: null, ...hours }),
    ).toBe('Unverified: not answered in time');
    expect(
      describeReportStatus({ status: 'superseded', amount: '4', confirmedAmount: null, ...hours }),
    ).toBe('Replaced by a correction');
  });

  it('gives file sizes in bytes, KB or MB', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('the report form', () => {
  it('sends pounds typed as whole pence', () => {
    expect(amountToSend('£1,250.50', 'pence')).toEqual({ amount: '125050' });
    expect(amountToSend('12.5', 'hours')).toEqual({ amount: '12.5' });
  });

  it('refuses what is not an amount in pounds, and nothing', () => {
    expect(amountToSend('twelve', 'pence').note).toMatch(/^Enter an amount in pounds/);
    expect(amountToSend('0.00', 'pence').note).toBe('Enter an amount of more than £0');
    expect(amountToSend('1.234', 'pence').note).toMatch(/^Enter an amount in pounds/);
  });

  it('builds the report with its year, links one a line and the report it corrects', () => {
    const { data, errors } = checkReportDraft(
      draft({
        evidenceLinks: ' https://example.org/receipt \n\nhttps://example.org/photo\n',
        supersedes: REPORT_ID,
      }),
      'pence',
    );
    expect(errors).toEqual({});
    expect(data).toEqual({
      lineId: LINE_ID,
      period: 1,
      amount: '125050',
      evidenceNote: 'Transfer ref. 42',
      evidenceLinks: ['https://example.org/receipt', 'https://example.org/photo'],
      supersedes: REPORT_ID,
    });
  });

  it('asks for a line and a year, and puts a bad link’s message on the links box', () => {
    const { data, errors } = checkReportDraft(
      draft({ lineId: '', period: '', evidenceLinks: 'https://example.org\nnot a link' }),
      'pence',
    );
    expect(data).toBeUndefined();
    expect(errors.lineId).toBe('Choose the line you are reporting on');
    expect(errors.period).toBe('Choose the contract year');
    expect(errors.evidenceLinks).toMatch(/web address/);
  });
});

describe('the provider’s answer', () => {
  it('asks a dispute for what is disputed', () => {
    expect(checkAnswer('disputed', { amount: '', comment: '  ' }, 'pence')).toEqual({
      data: undefined,
      errors: { comment: 'Say what is disputed' },
    });
    expect(checkAnswer('disputed', { amount: '', comment: 'Only £80' }, 'pence').data).toEqual({
      decision: 'disputed',
      comment: 'Only £80',
    });
  });

  it('sends a part confirmation’s pounds as pence, and refuses one with no amount', () => {
    expect(checkAnswer('part_confirmed', { amount: '300', comment: '' }, 'pence').data).toEqual({
      decision: 'part_confirmed',
      confirmedAmount: '30000',
      comment: '',
    });
    const refused = checkAnswer('part_confirmed', { amount: '', comment: '' }, 'pence');
    expect(refused.data).toBeUndefined();
    expect(refused.errors.confirmedAmount).toMatch(/^Enter an amount in pounds/);
  });
});

describe('evidence files before they are sent', () => {
  it('takes the types the server takes, up to 5 MB', () => {
    expect(
      evidenceFileProblem([{ name: 'receipt.pdf', type: 'application/pdf', size: 1024 }]),
    ).toBe(undefined);
    expect(
      evidenceFileProblem([{ name: 'notes.txt', type: 'text/plain', size: 5 * 1024 * 1024 }]),
    ).toBe(undefined);
  });

  it('names the file of a type refused, or too large', () => {
    expect(
      evidenceFileProblem([{ name: 'run.exe', type: 'application/x-msdownload', size: 10 }]),
    ).toMatch(/^run\.exe is not a type of file we take/);
    expect(
      evidenceFileProblem([{ name: 'scan.png', type: 'image/png', size: 5 * 1024 * 1024 + 1 }]),
    ).toBe('scan.png is larger than 5 MB');
  });
});

describe('the part confirmation’s question', () => {
  it('asks a provider how much arrived in words fit for the line', () => {
    expect(receivedLabel('cash', null)).toBe('Amount received, in pounds');
    expect(receivedLabel('measure', 'sessions')).toBe('Quantity received, in sessions');
  });
});
