import type { CoverageDetail } from '@shared/schemas/coverage';
import { formatGbp } from '@shared/money';

const monthName = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A `YYYY-MM` month for people: "Mar 2027". */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthName.format(date);
}

const BAR_WIDTH = 10;
const GAP = 4;
const HEIGHT = 80;

/**
 * Committed value a year awarded each month, as bars, with the same figures as a table for
 * those who cannot see the chart (or want the numbers).
 */
export function MonthlyChart({ monthly }: { monthly: CoverageDetail['monthly'] }) {
  const first = monthly[0];
  const last = monthly[monthly.length - 1];
  if (!first || !last) {
    return <p className="muted">No contract has been awarded here yet.</p>;
  }
  const max = Math.max(...monthly.map((m) => m.committedPence), 1);
  const peak = monthly.reduce((best, m) => (m.committedPence > best.committedPence ? m : best));
  const width = monthly.length * (BAR_WIDTH + GAP) - GAP;
  const summary =
    `Committed value a year awarded each month from ${formatMonth(first.month)} to ` +
    `${formatMonth(last.month)}; the most, ${formatGbp(peak.committedPence)}, in ` +
    `${formatMonth(peak.month)}.`;

  return (
    <div className="monthly-chart">
      <svg
        className="monthly-chart__svg"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        {monthly.map((m, index) => {
          const height = Math.max((m.committedPence / max) * HEIGHT, m.committedPence > 0 ? 1 : 0);
          return (
            <rect
              key={m.month}
              x={index * (BAR_WIDTH + GAP)}
              y={HEIGHT - height}
              width={BAR_WIDTH}
              height={height}
            >
              <title>{`${formatMonth(m.month)}: ${formatGbp(m.committedPence)}`}</title>
            </rect>
          );
        })}
      </svg>
      <p className="monthly-chart__axis" aria-hidden="true">
        <span>{formatMonth(first.month)}</span>
        {monthly.length > 1 ? <span>{formatMonth(last.month)}</span> : null}
      </p>
      <details className="monthly-chart__details">
        <summary>Show the figures</summary>
        <table className="table">
          <caption className="visually-hidden">Committed value a year awarded each month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="table__number">
                Committed a year
              </th>
            </tr>
          </thead>
          <tbody>
            {monthly.map((m) => (
              <tr key={m.month}>
                <th scope="row">{formatMonth(m.month)}</th>
                <td className="table__number">{formatGbp(m.committedPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
