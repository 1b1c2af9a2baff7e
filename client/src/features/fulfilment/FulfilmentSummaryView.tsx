import type { FulfilmentSummary } from '@shared/schemas/fulfilment';
import { formatDate } from '../activities/activity-format';
import { FulfilmentAttention } from './FulfilmentAttention';
import { FulfilmentLinesTable } from './FulfilmentLinesTable';
import { FulfilmentTotalsTable } from './FulfilmentTotalsTable';
import { anythingDue } from './fulfilment-format';
import './fulfilment.css';

interface FulfilmentSummaryViewProps {
  summary: FulfilmentSummary;
  /** What the figures are of, for captions: "this contract", "Thames Valley". */
  of: string;
  /** The level of the parts' headings: h4 inside a page's section, h3 on a report. */
  Heading?: 'h3' | 'h4';
  /** Adds each line's tender and supplier, for the lines of several contracts. */
  showContract?: boolean;
  /** When the first contribution falls due, said while nothing has yet. */
  firstDue?: string | undefined;
}

/**
 * Fulfilment in full for any level (a contract, a territory): what needs attention, the
 * totals by kind of contribution, the figures of each line, and the lists of overdue,
 * disputed and unverified items.
 */
export function FulfilmentSummaryView({
  summary,
  of,
  Heading = 'h4',
  showContract = false,
  firstDue,
}: FulfilmentSummaryViewProps) {
  const nothingDue = !anythingDue(summary.totals);
  return (
    <div className="fulfilment" data-testid="fulfilment-summary">
      <p className="muted fulfilment__as-of">
        Figures as of {formatDate(summary.asOf)}; “this year” is {summary.year}.
      </p>
      {nothingDue ? (
        <div className="notice" data-testid="fulfilment-nothing-due">
          <p>
            Nothing has fallen due yet
            {firstDue ? `: the first contributions fall due on ${formatDate(firstDue)}` : ''}.
          </p>
        </div>
      ) : null}
      <dl className="details fulfilment__counts" data-testid="fulfilment-counts">
        <dt>Overdue</dt>
        <dd data-testid="fulfilment-count-overdue">{summary.counts.overdue}</dd>
        <dt>Disputed</dt>
        <dd data-testid="fulfilment-count-disputed">{summary.counts.disputed}</dd>
        <dt>Unverified</dt>
        <dd data-testid="fulfilment-count-unverified">{summary.counts.unverified}</dd>
      </dl>
      <Heading>Totals</Heading>
      <FulfilmentTotalsTable totals={summary.totals} of={of} />
      <Heading>Each line</Heading>
      <FulfilmentLinesTable lines={summary.lines} of={of} showContract={showContract} />
      <FulfilmentAttention summary={summary} Heading={Heading} showContract={showContract} />
    </div>
  );
}
