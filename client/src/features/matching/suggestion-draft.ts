import { formatGbp } from '@shared/money';
import type { SuggestionView } from '@shared/schemas/matching';

/** One suggested line as the supplier is editing it: the amount as typed. */
export interface DraftLine {
  activity: SuggestionView['lines'][number]['activity'];
  score: number;
  limitPence: number;
  reason: string;
  amount: string;
}

/** A fresh suggestion as lines to edit, each amount in whole pounds as the server gave it. */
export function draftFromSuggestion(view: SuggestionView): DraftLine[] {
  return view.lines.map((line) => ({
    activity: line.activity,
    score: line.score,
    limitPence: line.limitPence,
    reason: line.reason,
    amount: String(Math.floor(line.annualPence / 100)),
  }));
}

/** A typed amount checked: its pence when it is fit to send, else what to say, GOV.UK style. */
export type CheckedAmount =
  { pence: number; error?: undefined } | { pence?: undefined; error: string };

/**
 * Checks an amount a year typed for a suggested line: whole pounds (commas and a "£" are
 * fine, as is ".00"), more than £0, and no more than the activity's room (`limitPence`),
 * so that no activity is promised more than it can take. `what` names the amount in the
 * messages, GOV.UK style: "Enter the amount a year for Riverside Youth Club".
 */
export function checkAmount(
  text: string,
  limitPence: number,
  what = 'the amount a year',
): CheckedAmount {
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const cleaned = text.replace(/[£,\s]/g, '').replace(/\.0{1,2}$/, '');
  if (cleaned === '') return { error: `Enter ${what} in pounds` };
  if (!/^\d+$/.test(cleaned)) {
    return { error: `Enter ${what} in whole pounds, such as 2500` };
  }
  const pence = Number(cleaned) * 100;
  if (pence <= 0) return { error: `${What} must be more than £0` };
  // Room need not be whole pounds; the most a whole-pound line can ask is below it.
  const most = Math.floor(limitPence / 100) * 100;
  if (pence > most) {
    return {
      error: `${What} must be ${formatGbp(most)} or less, the room this activity has left`,
    };
  }
  return { pence };
}

/** The lines' total a year in pence, counting only amounts fit to send. */
export function draftTotalPence(lines: DraftLine[]): number {
  return lines.reduce(
    (sum, line) => sum + (checkAmount(line.amount, line.limitPence).pence ?? 0),
    0,
  );
}
