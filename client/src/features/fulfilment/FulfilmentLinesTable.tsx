import { Link } from 'react-router-dom';
import type { FulfilmentLine } from '@shared/schemas/fulfilment';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import { Ratio } from './Ratio';
import { formatAmount, formatEstimate } from './fulfilment-format';

/** What a line commits to, in a few words: its kind and, for a measure, which one. */
export function describeLine(line: Pick<FulfilmentLine, 'kind' | 'measure' | 'description'>) {
  if (line.kind === 'measure' && line.measure)
    return `${line.measure.code}: ${line.measure.measure}`;
  if (line.kind === 'in_kind' && line.description) return `In kind: ${line.description}`;
  return LINE_KIND_LABELS[line.kind];
}

/** The counts that need attention, in words ("1 overdue, 2 disputed"), or "None". */
function attention(counts: FulfilmentLine['counts']): string {
  const parts = [
    counts.overdue > 0 ? `${counts.overdue} overdue` : null,
    counts.disputed > 0 ? `${counts.disputed} disputed` : null,
    counts.unverified > 0 ? `${counts.unverified} unverified` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'None' : parts.join(', ');
}

interface FulfilmentLinesTableProps {
  lines: readonly FulfilmentLine[];
  /** What the lines are of, for the caption. */
  of: string;
  /** Adds the tender and supplier of each line, for lines of several contracts. */
  showContract?: boolean;
}

/** Each awarded line: what it commits a year, what fell due, what its provider confirmed. */
export function FulfilmentLinesTable({
  lines,
  of,
  showContract = false,
}: FulfilmentLinesTableProps) {
  if (lines.length === 0) return <p className="muted">No awarded lines.</p>;
  return (
    <div className="table-scroll">
      <table className="table fulfilment-table" data-testid="fulfilment-lines">
        <caption className="table__caption">
          Fulfilment of each line of {of}: delivered counts only what the activity’s provider
          confirmed. “—” where nothing has fallen due yet.
        </caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            {showContract ? (
              <>
                <th scope="col">Tender</th>
                <th scope="col">Supplier</th>
              </>
            ) : null}
            <th scope="col">Contribution</th>
            <th scope="col" className="table__number">
              A year
            </th>
            <th scope="col" className="table__number">
              Due to date
            </th>
            <th scope="col" className="table__number">
              Confirmed delivered
            </th>
            <th scope="col" className="table__number">
              Delivered of due
            </th>
            <th scope="col" className="table__number">
              Delivered of due this year
            </th>
            <th scope="col">Needs attention</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const amount = (value: number) => formatAmount(value, line.unit, line.unitLabel);
            return (
              <tr key={line.lineId} data-testid="fulfilment-line" data-line={line.lineId}>
                <th scope="row">
                  <Link to={`/activities/${encodeURIComponent(line.activity.id)}`}>
                    {line.activity.title}
                  </Link>
                  <span className="fulfilment-table__sub">{line.activity.providerName}</span>
                </th>
                {showContract ? (
                  <>
                    <td>
                      <Link to={`/tenders/${encodeURIComponent(line.tender.id)}`}>
                        {line.tender.title}
                      </Link>
                    </td>
                    <td>{line.supplier.name}</td>
                  </>
                ) : null}
                <td>
                  {describeLine(line)}
                  {line.estimatedProxyPence ? (
                    <span className="fulfilment-table__sub">
                      Proxy value delivered:{' '}
                      {formatEstimate(line.estimatedProxyPence.deliveredToDate)}
                    </span>
                  ) : null}
                </td>
                <td className="table__number">{amount(line.annual)}</td>
                <td className="table__number">{amount(line.figures.dueToDate)}</td>
                <td className="table__number">{amount(line.figures.deliveredToDate)}</td>
                <td className="table__number">
                  <Ratio ratio={line.figures.ratioToDate} />
                </td>
                <td className="table__number">
                  <Ratio ratio={line.figures.ratioThisYear} />
                </td>
                <td>{attention(line.counts)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
