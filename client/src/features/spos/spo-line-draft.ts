import { poundsToPence } from '@shared/money';
import type { LineKind, SpoLineInput } from '@shared/schemas/tenders';
import type { MeasureView } from '@shared/schemas/toms';
import { proxyValuePence } from '@shared/social-value';
import type { FieldErrors } from '../../lib/form-errors';
import { STARTER_FRAMEWORK } from '../toms/toms.queries';
import type { LineContribution } from './spo-figures';

/** The TOMs measure whose proxy values a volunteering hour (NT29, as the server does). */
export const VOLUNTEERING_MEASURE = { framework: STARTER_FRAMEWORK, code: 'NT29' } as const;
/** The TOMs measure whose proxy values a pound given in cash or in kind (NT28, as the server does). */
export const MONEY_MEASURE = { framework: STARTER_FRAMEWORK, code: 'NT28' } as const;

/** The line form's values as typed. */
export interface LineDraft {
  kind: LineKind;
  amount: string;
  description: string;
  hours: string;
  /** `framework|code` of the chosen TOMs measure. */
  measure: string;
  quantity: string;
}

export const EMPTY_LINE_DRAFT: LineDraft = {
  kind: 'cash',
  amount: '',
  description: '',
  hours: '',
  measure: '',
  quantity: '',
};

/** A measure as the form's select writes it. */
export function measureValue(measure: { framework: string; code: string }): string {
  return `${measure.framework}|${measure.code}`;
}

/** The measure a select value names, from the list of measures. */
export function findMeasure(
  measures: MeasureView[] | undefined,
  value: string,
): MeasureView | undefined {
  return measures?.find((measure) => measureValue(measure) === value);
}

const MONEY_MESSAGE = 'Enter an amount in pounds, such as 2500 or 2,500.50';

/**
 * The draft as `SpoLineInput` would take it for an activity, and what to say about blanks
 * and non-numbers before the schema speaks (its own messages win for anything else).
 */
export function lineDraftToInput(
  draft: LineDraft,
  activityId: string,
): { input: Record<string, unknown>; notes: FieldErrors } {
  const notes: FieldErrors = {};

  function money(): number | undefined {
    if (!draft.amount.trim()) {
      notes.annualPence = 'Enter the amount a year in pounds';
      return undefined;
    }
    const pence = poundsToPence(draft.amount);
    if (pence === null) notes.annualPence = MONEY_MESSAGE;
    return pence ?? undefined;
  }

  switch (draft.kind) {
    case 'cash':
      return { input: { activityId, kind: 'cash', annualPence: money() }, notes };
    case 'in_kind':
      return {
        input: {
          activityId,
          kind: 'in_kind',
          annualPence: money(),
          description: draft.description,
        },
        notes,
      };
    case 'volunteering': {
      const hours = draft.hours.trim().replace(/,/g, '');
      if (!hours) notes.annualHours = 'Enter the hours a year';
      else if (!/^\d+$/.test(hours))
        notes.annualHours = 'Enter a whole number of hours, such as 120';
      return {
        input: { activityId, kind: 'volunteering', annualHours: hours ? Number(hours) : undefined },
        notes,
      };
    }
    case 'measure': {
      const [framework = '', code = ''] = draft.measure.split('|');
      if (!code) notes.measure = 'Choose a TOMs measure';
      if (!draft.quantity.trim()) notes.annualQuantity = 'Enter the quantity a year';
      return {
        input: {
          activityId,
          kind: 'measure',
          measure: code ? { framework, code } : undefined,
          annualQuantity: draft.quantity.replace(/,/g, ''),
        },
        notes,
      };
    }
  }
}

/**
 * What a valid line adds a year: its pounds (cash and in kind) and its TOMs proxy value, as
 * the server values lines: a measure's quantity × its proxy, volunteering hours × NT29's,
 * pounds given × NT28's. Proxies not loaded yet count as nothing.
 */
export function lineContribution(
  line: SpoLineInput,
  measures: MeasureView[] | undefined,
): LineContribution {
  switch (line.kind) {
    case 'cash':
    case 'in_kind': {
      const nt28 = findMeasure(measures, measureValue(MONEY_MEASURE));
      return {
        annualPence: line.annualPence,
        // Pounds with at most two decimals, as the server passes them.
        annualProxyPence: nt28 ? proxyValuePence(line.annualPence / 100, nt28.proxyValueGbp) : 0,
      };
    }
    case 'volunteering': {
      const nt29 = findMeasure(measures, measureValue(VOLUNTEERING_MEASURE));
      return {
        annualPence: 0,
        annualProxyPence: nt29 ? proxyValuePence(line.annualHours, nt29.proxyValueGbp) : 0,
      };
    }
    case 'measure': {
      const measure = findMeasure(measures, measureValue(line.measure));
      return {
        annualPence: 0,
        annualProxyPence: measure ? proxyValuePence(line.annualQuantity, measure.proxyValueGbp) : 0,
      };
    }
  }
}
