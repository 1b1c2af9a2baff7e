import { useId, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import { formatGbp } from '@shared/money';
import { formatCount } from '../activities/activity-format';
import { coverageCsv, downloadText } from './coverage-csv';
import { formatShare } from './coverage-figures';

type SortKey =
  | 'name'
  | 'nation'
  | 'listed'
  | 'supported'
  | 'share'
  | 'committed'
  | 'gap'
  | 'spread'
  | 'pipeline';
type Direction = 'ascending' | 'descending';

interface Column {
  key: SortKey;
  label: ReactNode;
  numeric: boolean;
  value: (row: TerritoryCoverage) => number | string;
  cell: (row: TerritoryCoverage) => ReactNode;
}

const PIPELINE_LABEL = 'Your pipeline';
const PIPELINE_NOTE = '(submitted, not awarded — visible only to you)';

const COLUMNS: Column[] = [
  { key: 'nation', label: 'Nation', numeric: false, value: (r) => r.nation, cell: (r) => r.nation },
  {
    key: 'listed',
    label: 'Activities listed',
    numeric: true,
    value: (r) => r.activitiesListed,
    cell: (r) => formatCount(r.activitiesListed),
  },
  {
    key: 'supported',
    label: 'Activities supported',
    numeric: true,
    value: (r) => r.activitiesSupported,
    cell: (r) => formatCount(r.activitiesSupported),
  },
  {
    key: 'share',
    label: 'Share supported',
    numeric: true,
    value: (r) => r.shareSupported,
    cell: (r) => formatShare(r.shareSupported),
  },
  {
    key: 'committed',
    label: 'Committed £ a year',
    numeric: true,
    value: (r) => r.committedPence,
    cell: (r) => formatGbp(r.committedPence),
  },
  {
    key: 'gap',
    label: 'Funding gap',
    numeric: true,
    value: (r) => r.fundingGapPence,
    cell: (r) => formatGbp(r.fundingGapPence),
  },
  {
    key: 'spread',
    label: 'Geographic spread',
    numeric: true,
    value: (r) => r.spreadShare,
    cell: (r) => formatShare(r.spreadShare),
  },
];

const PIPELINE_COLUMN: Column = {
  key: 'pipeline',
  label: (
    <>
      {PIPELINE_LABEL} <span className="coverage-table__note">{PIPELINE_NOTE}</span>
    </>
  ),
  numeric: true,
  value: (r) => r.pipelinePence ?? 0,
  cell: (r) => formatGbp(r.pipelinePence ?? 0),
};

const byName = (a: TerritoryCoverage, b: TerritoryCoverage) =>
  a.name.localeCompare(b.name, 'en-GB');

function sortRows(
  rows: readonly TerritoryCoverage[],
  column: Column | undefined,
  direction: Direction,
): TerritoryCoverage[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (!column) return sign * byName(a, b);
    const x = column.value(a);
    const y = column.value(b);
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'en-GB');
    // Ties keep alphabetical order whichever way the column runs.
    return order === 0 ? byName(a, b) : sign * order;
  });
}

function sum(rows: readonly TerritoryCoverage[], value: (row: TerritoryCoverage) => number) {
  return rows.reduce((total, row) => total + value(row), 0);
}

function todayStamp(): string {
  return new Date().toISOString().slice(0, 10);
}

interface CoverageTableProps {
  rows: readonly TerritoryCoverage[];
  /** The query string links keep (the chosen figure). */
  search: string;
  /** Territories whose figures just changed, highlighted for a moment. */
  changedCodes: ReadonlySet<string>;
  /** Where the map's "Skip the map" link takes the focus. */
  id?: string;
}

/**
 * Every territory's figures in a table sortable by any column (buttons in the headings, with
 * `aria-sort`), each name a link to its drill-in, and the same figures as a CSV download.
 */
export function CoverageTable({ rows, search, changedCodes, id }: CoverageTableProps) {
  const headingId = useId();
  const [sortKey, setSortKey] = useState<SortKey>('name');
  const [direction, setDirection] = useState<Direction>('ascending');
  const withPipeline = rows.some((row) => row.pipelinePence !== null);
  const columns = withPipeline ? [...COLUMNS, PIPELINE_COLUMN] : COLUMNS;
  const sortColumn = columns.find((column) => column.key === sortKey);
  // Forty-five rows: sorting on each render costs less than remembering.
  const sorted = sortRows(rows, sortColumn, direction);

  function handleSort(key: SortKey, numeric: boolean) {
    if (key === sortKey) {
      setDirection(direction === 'ascending' ? 'descending' : 'ascending');
      return;
    }
    setSortKey(key);
    // Largest first is what a buyer looks for in a figure; names run A to Z.
    setDirection(numeric ? 'descending' : 'ascending');
  }

  function handleDownload() {
    downloadText(`impact-atlas-coverage-${todayStamp()}.csv`, coverageCsv(sorted));
  }

  function sortButton(key: SortKey, label: ReactNode, numeric: boolean) {
    const active = key === sortKey;
    let arrow = '↕';
    if (active) arrow = direction === 'ascending' ? '▲' : '▼';
    return (
      <button
        type="button"
        className="coverage-table__sort"
        onClick={() => handleSort(key, numeric)}
        data-sort-key={key}
      >
        {label}
        <span className="coverage-table__arrow" aria-hidden="true">
          {arrow}
        </span>
      </button>
    );
  }

  const ariaSort = (key: SortKey) => (key === sortKey ? direction : undefined);
  const listed = sum(rows, (r) => r.activitiesListed);
  const supported = sum(rows, (r) => r.activitiesSupported);

  return (
    <section id={id} className="coverage-table-section" aria-labelledby={headingId}>
      <div className="coverage-table-section__head">
        <h3 id={headingId}>All territories</h3>
        <button
          type="button"
          className="button button--secondary"
          onClick={handleDownload}
          data-testid="coverage-download"
        >
          Download CSV
        </button>
      </div>
      <div className="table-scroll">
        <table className="table coverage-table" data-testid="coverage-table">
          <caption className="table__caption">
            Coverage by territory: public figures from awarded Social Purchase Orders. Select a
            column heading to sort by it.
          </caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('name')}>
                {sortButton('name', 'Territory', false)}
              </th>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={ariaSort(column.key)}
                  className={column.numeric ? 'table__number' : undefined}
                >
                  {sortButton(column.key, column.label, column.numeric)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr
                key={row.code}
                data-testid="coverage-row"
                data-code={row.code}
                data-committed-pence={row.committedPence}
                data-updated={changedCodes.has(row.code) ? 'true' : undefined}
              >
                <th scope="row">
                  <NavLink to={{ pathname: `/coverage/${row.code}`, search }}>{row.name}</NavLink>
                </th>
                {columns.map((column) => (
                  <td key={column.key} className={column.numeric ? 'table__number' : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All territories</th>
              <td />
              <td className="table__number">{formatCount(listed)}</td>
              <td className="table__number">{formatCount(supported)}</td>
              <td className="table__number">
                {formatShare(listed === 0 ? 0 : supported / listed)}
              </td>
              <td className="table__number">{formatGbp(sum(rows, (r) => r.committedPence))}</td>
              <td className="table__number">{formatGbp(sum(rows, (r) => r.fundingGapPence))}</td>
              {withPipeline ? (
                <td className="table__number">
                  {formatGbp(sum(rows, (r) => r.pipelinePence ?? 0))}
                </td>
              ) : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
