import { Link } from 'react-router-dom';
import type { LineKind, SpoLineView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { formatCount, formatDecimalGbp, pluralise } from '../activities/activity-format';
import { LINE_KIND_LABELS, LINE_STATUS_LABELS } from './spo-labels';
import { FrameworkCredit } from '../toms/FrameworkCredit';

/** What a line commits, as both an SPO's lines and a provider's inbox carry it. */
export interface Commitment {
  kind: LineKind;
  annualPence: number | null;
  description: string | null;
  annualHours: number | null;
  annualQuantity: string | null;
  measure: { code: string; measure?: string | undefined; unit?: string | undefined } | null;
}

/** What a line commits, in words: "£2,500 a year", "120 hours a year", "12 sessions a year (NT28: …)". */
export function describeCommitment(line: Commitment): string {
  switch (line.kind) {
    case 'cash':
      return `${formatGbp(line.annualPence ?? 0)} a year`;
    case 'in_kind':
      return `${formatGbp(line.annualPence ?? 0)} a year: ${line.description ?? ''}`;
    case 'volunteering':
      return `${pluralise(line.annualHours ?? 0, 'hour')} a year`;
    case 'measure': {
      const m = line.measure;
      const quantity = line.annualQuantity ? formatDecimal(line.annualQuantity) : '0';
      if (!m) return `${quantity} a year`;
      const name = m.measure ? `${m.code}: ${m.measure}` : m.code;
      return m.unit ? `${quantity} ${m.unit} a year (${name})` : `${quantity} a year of ${name}`;
    }
  }
}

/** A decimal quantity as written, with thousands grouped and trailing zeros dropped. */
function formatDecimal(quantity: string): string {
  const [whole = '0', fraction = ''] = quantity.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = formatCount(Number(whole));
  return trimmed ? `${grouped}.${trimmed}` : grouped;
}

/** A line's answer from the provider as a badge, with the provider's note when there is one. */
export function LineStatus({ line }: { line: Pick<SpoLineView, 'status' | 'providerNote'> }) {
  return (
    <>
      <span className={`badge line-status line-status--${line.status}`} data-status={line.status}>
        {LINE_STATUS_LABELS[line.status]}
      </span>
      {line.providerNote ? <p className="line-status__note">“{line.providerNote}”</p> : null}
    </>
  );
}

interface SpoLinesTableProps {
  lines: SpoLineView[];
  /** Offered when the supplier may still change the lines. */
  onRemove?: ((line: SpoLineView) => void) | undefined;
  removingId?: string | undefined;
}

/** An SPO's lines: activity, commitment, TOMs value, the provider's answer and warnings. */
export function SpoLinesTable({ lines, onRemove, removingId }: SpoLinesTableProps) {
  if (lines.length === 0) {
    return <p className="muted">No lines yet: choose an activity and commit support to it.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table spo-lines">
        <caption className="visually-hidden">Lines of the Social Purchase Order</caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Commitment</th>
            <th scope="col" className="table__number">
              TOMs value a year
            </th>
            <th scope="col">Provider’s answer</th>
            {onRemove ? (
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr
              key={line.id}
              data-testid="spo-line"
              data-line-id={line.id}
              data-status={line.status}
            >
              <td>
                <Link to={`/activities/${encodeURIComponent(line.activity.id)}`}>
                  {line.activity.title}
                </Link>
                <span className="spo-lines__provider">{line.activity.providerName}</span>
              </td>
              <td>
                <span className="spo-lines__kind">{LINE_KIND_LABELS[line.kind]}</span>{' '}
                {describeCommitment(line)}
                {line.capacityExceeded ? (
                  <p className="spo-lines__warning" data-testid="spo-line-capacity">
                    More than the activity can still absorb this year.
                  </p>
                ) : null}
              </td>
              <td className="table__number">
                {line.annualProxyPence > 0 ? formatGbp(line.annualProxyPence) : '—'}
                {line.measure ? (
                  <span className="spo-lines__proxy">
                    {formatDecimalGbp(line.measure.proxyValueGbp)} per {line.measure.unit}
                  </span>
                ) : null}
              </td>
              <td>
                <LineStatus line={line} />
              </td>
              {onRemove ? (
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onRemove(line)}
                    disabled={removingId !== undefined}
                    aria-label={`Remove the line for ${line.activity.title}`}
                  >
                    {removingId === line.id ? 'Removing…' : 'Remove'}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {lines.some((l) => l.annualProxyPence > 0) ? <FrameworkCredit /> : null}
    </div>
  );
}
