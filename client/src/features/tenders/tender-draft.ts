import type { TenderView } from '@shared/schemas/tenders';
import { poundsToPence } from '@shared/money';
import { localInputToIso, toLocalInputValue } from '../../lib/date-time';
import type { FieldErrors } from '../../lib/form-errors';
import { penceToPounds } from '../../lib/money-format';

/** The tender form's values as typed: pounds, numbers and dates are text until sent. */
export interface TenderDraft {
  buyerId: string;
  title: string;
  reference: string;
  description: string;
  territories: string[];
  annualValue: string;
  durationYears: string;
  startDate: string;
  baseline: string;
  mid: string;
  higherAmbition: string;
  weightingPct: string;
  /** A `datetime-local` value, in the browser's time zone. */
  closesAt: string;
}

/** A blank form for a buyer, with the usual 10% social value weighting. */
export function emptyTenderDraft(buyerId: string): TenderDraft {
  return {
    buyerId,
    title: '',
    reference: '',
    description: '',
    territories: [],
    annualValue: '',
    durationYears: '',
    startDate: '',
    baseline: '',
    mid: '',
    higherAmbition: '',
    weightingPct: '10',
    closesAt: '',
  };
}

/** A draft tender in the form, to edit it. */
export function draftFromTender(tender: TenderView): TenderDraft {
  return {
    buyerId: tender.buyer.id,
    title: tender.title,
    reference: tender.reference,
    description: tender.description,
    territories: tender.territories.map((territory) => territory.code),
    annualValue: penceToPounds(tender.annualValuePence),
    durationYears: String(tender.durationYears),
    startDate: tender.startDate,
    baseline: penceToPounds(tender.baselinePencePerMillion),
    mid: penceToPounds(tender.midPencePerMillion),
    higherAmbition: penceToPounds(tender.higherAmbitionPencePerMillion),
    weightingPct: String(tender.weightingPct),
    closesAt: toLocalInputValue(tender.closesAt),
  };
}

const MONEY_MESSAGE = 'Enter an amount in pounds, such as 1500000 or 1,500,000';

/**
 * Converts the draft for the shared schema (`TenderCreate` or `TenderUpdate`) to parse,
 * noting what the schema's own messages would say badly about blanks and non-numbers.
 * `now` is when the form is checked: bids must close after it.
 */
export function tenderDraftToInput(
  draft: TenderDraft,
  now: number,
): { input: Record<string, unknown>; notes: FieldErrors } {
  const notes: FieldErrors = {};

  function money(text: string, path: string, blank: string): number | undefined {
    if (!text.trim()) {
      notes[path] = blank;
      return undefined;
    }
    const pence = poundsToPence(text);
    if (pence === null) notes[path] = MONEY_MESSAGE;
    return pence ?? undefined;
  }

  function number(text: string, path: string, blank: string, whole: boolean): number | undefined {
    const trimmed = text.trim().replace(/,/g, '');
    if (!trimmed) {
      notes[path] = blank;
      return undefined;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) notes[path] = 'Enter a number';
    else if (whole && !Number.isInteger(value)) notes[path] = 'Enter a whole number';
    return value;
  }

  let closesAt: string | undefined;
  if (!draft.closesAt) notes.closesAt = 'Enter the date and time bids close';
  else {
    closesAt = localInputToIso(draft.closesAt) ?? undefined;
    if (!closesAt) notes.closesAt = 'Enter a date and time, such as 31/03/2027 12:00';
    else if (Date.parse(closesAt) <= now) notes.closesAt = 'Bids must close in the future';
  }
  if (!draft.startDate) notes.startDate = 'Enter the date the contract starts';
  if (draft.territories.length === 0) notes.territories = 'Choose at least one territory';

  const input: Record<string, unknown> = {
    title: draft.title,
    reference: draft.reference,
    description: draft.description,
    territories: draft.territories,
    annualValuePence: money(
      draft.annualValue,
      'annualValuePence',
      'Enter the contract’s value a year in pounds',
    ),
    durationYears: number(
      draft.durationYears,
      'durationYears',
      'Enter how many years the contract runs',
      true,
    ),
    startDate: draft.startDate || undefined,
    baselinePencePerMillion: money(
      draft.baseline,
      'baselinePencePerMillion',
      'Enter the baseline in pounds a year per £1m',
    ),
    weightingPct: number(
      draft.weightingPct,
      'weightingPct',
      'Enter social value’s share of the score, in percent',
      false,
    ),
    midPencePerMillion: money(draft.mid, 'midPencePerMillion', 'Enter where the mid band starts'),
    higherAmbitionPencePerMillion: money(
      draft.higherAmbition,
      'higherAmbitionPencePerMillion',
      'Enter where the higher ambition band starts',
    ),
    closesAt,
  };
  return { input, notes };
}

const LABELS: Record<string, string> = {
  buyerId: 'Buyer',
  title: 'Title',
  reference: 'Reference',
  description: 'Description',
  territories: 'Territories',
  annualValuePence: 'Contract value a year',
  durationYears: 'Duration',
  startDate: 'Start date',
  baselinePencePerMillion: 'Baseline',
  weightingPct: 'Social value weighting',
  midPencePerMillion: 'Mid band',
  higherAmbitionPencePerMillion: 'Higher ambition band',
  closesAt: 'Closing date and time',
};

/** What to call a field in the form's summary of problems, from its path (`territories.2`). */
export function tenderFieldLabel(path: string): string {
  return LABELS[path.split('.')[0] ?? ''] ?? 'The tender';
}
