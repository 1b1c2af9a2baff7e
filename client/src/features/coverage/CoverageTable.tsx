import { useId, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { TerritoryNeed } from '@shared/schemas/need';
import { formatGbp } from '@shared/money';
import { formatCount } from '../activities/activity-format';
import { coverageCsv, downloadText } from './coverage-csv';
import {
  formatPct,
  formatPerHead,
  formatPopulation,
  formatScore,
  formatShare,
  formatShareOrNoData,
  ukNeedFigures,
} from './coverage-figures';
import { NeedCredits } from './CoverageNeed';

type SortKey =
  | 'name'
  | 'nation'
  | 'listed'
  | 'supported'
  | 'share'
  | 'committed'
  | 'delivered'
  | 'perHead'
  | 'mostDeprived'
  | 'gap'
  | 'spread'
  | 'population'
  | 'deprivation'
  | 'deprivedShare'
  | 'childPoverty'
  | 'claimants'
  | 'homicides'
  | 'pipeline';
type Direction = 'ascending' | 'descending';

type Rows = readonly TerritoryCoverage[];

interface Column {
  key: SortKey;
  label: ReactNode;
  numeric: boolean;
  /** What the column sorts by; null (no data) sorts last whichever way it runs. */
  value: (row: TerritoryCoverage) => number | string | null;
  cell: (row: TerritoryCoverage) => ReactNode;
  /** The column's figure for all territories in the footer; nothing when it has none. */
  total?: (rows: Rows) => ReactNode;
}

const PIPELINE_LABEL = 'Your pipeline';
const PIPELINE_NOTE = '(submitted, not awarded — visible only to you)';

function sum(rows: Rows, value: (row: TerritoryCoverage) => number) {
  return rows.reduce((total, row) => total + value(row), 0);
}

/** A need figure of a territory, null where it has none. */
const needOf =
  <K extends keyof TerritoryNeed>(key: K) =>
  (row: TerritoryCoverage): TerritoryNeed[K] | null =>
    row.need ? row.need[key] : null;

const COLUMNS: Column[] = [
  { key: 'nation', label: 'Nation', numeric: false, value: (r) => r.nation, cell: (r) => r.nation },
  {
    key: 'listed',
    label: 'Activities listed',
    numeric: true,
    value: (r) => r.activitiesListed,
    cell: (r) => formatCount(r.activitiesListed),
    total: (rows) => formatCount(sum(rows, (r) => r.activitiesListed)),
  },
  {
    key: 'supported',
    label: 'Activities supported',
    numeric: true,
    value: (r) => r.activitiesSupported,
    cell: (r) => formatCount(r.activitiesSupported),
    total: (rows) => formatCount(sum(rows, (r) => r.activitiesSupported)),
  },
  {
    key: 'share',
    label: 'Share supported',
    numeric: true,
    value: (r) => r.shareSupported,
    cell: (r) => formatShare(r.shareSupported),
    total: (rows) => {
      const listed = sum(rows, (r) => r.activitiesListed);
      return formatShare(listed === 0 ? 0 : sum(rows, (r) => r.activitiesSupported) / listed);
    },
  },
  {
    key: 'committed',
    label: 'Committed £ a year',
    numeric: true,
    value: (r) => r.committedPence,
    cell: (r) => formatGbp(r.committedPence),
    total: (rows) => formatGbp(sum(rows, (r) => r.committedPence)),
  },
  {
    key: 'delivered',
    label: 'Confirmed delivered £ to date',
    numeric: true,
    value: (r) => r.deliveredPence,
    cell: (r) => formatGbp(r.deliveredPence),
    total: (rows) => formatGbp(sum(rows, (r) => r.deliveredPence)),
  },
  {
    key: 'perHead',
    label: 'Committed per head',
    numeric: true,
    value: (r) => r.committedPencePerHead,
    cell: (r) => formatPerHead(r.committedPencePerHead),
    total: (rows) => formatPerHead(ukNeedFigures(rows).committedPencePerHead),
  },
  {
    key: 'mostDeprived',
    label: 'Committed in the most deprived fifth',
    numeric: true,
    value: (r) => r.mostDeprivedQuintileCommittedShare,
    cell: (r) => formatShareOrNoData(r.mostDeprivedQuintileCommittedShare),
    total: (rows) => formatShareOrNoData(ukNeedFigures(rows).mostDeprivedQuintileCommittedShare),
  },
  {
    key: 'gap',
    label: 'Funding gap',
    numeric: true,
    value: (r) => r.fundingGapPence,
    cell: (r) => formatGbp(r.fundingGapPence),
    total: (rows) => formatGbp(sum(rows, (r) => r.fundingGapPence)),
  },
  {
    key: 'spread',
    label: 'Geographic spread',
    numeric: true,
    value: (r) => r.spreadShare,
    cell: (r) => formatShare(r.spreadShare),
    total: (rows) => {
      const cells = sum(rows, (r) => r.hexCellsWithActivities);
      return formatShare(cells === 0 ? 0 : sum(rows, (r) => r.hexCellsSupported) / cells);
    },
  },
  {
    key: 'population',
    label: 'Population',
    numeric: true,
    value: needOf('population'),
    cell: (r) => formatPopulation(needOf('population')(r)),
  },
  {
    key: 'deprivation',
    label: 'Deprivation score',
    numeric: true,
    value: needOf('deprivationScore'),
    cell: (r) => formatScore(needOf('deprivationScore')(r)),
  },
  {
    key: 'deprivedShare',
    label: 'People in the most deprived fifth',
    numeric: true,
    value: needOf('mostDeprivedQuintileShare'),
    cell: (r) => formatShareOrNoData(needOf('mostDeprivedQuintileShare')(r)),
  },
  {
    key: 'childPoverty',
    label: 'Child poverty',
    numeric: true,
    value: needOf('childPovertyPct'),
    cell: (r) => formatPct(needOf('childPovertyPct')(r)),
  },
  {
    key: 'claimants',
    label: 'Claimants',
    numeric: true,
    value: needOf('claimantPct'),
    cell: (r) => formatPct(needOf('claimantPct')(r)),
  },
  {
    key: 'homicides',
    label: 'Homicides per million',
    numeric: true,
    value: needOf('homicidePerMillion'),
    cell: (r) => formatScore(needOf('homicidePerMillion')(r)),
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
  total: (rows) => formatGbp(sum(rows, (r) => r.pipelinePence ?? 0)),
};

const byName = (a: TerritoryCoverage, b: TerritoryCoverage) =>
  a.name.localeCompare(b.name, 'en-GB');

function sortRows(rows: Rows, column: Column | undefined, direction: Direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (!column) return sign * byName(a, b);
    const x = column.value(a);
    const y = column.value(b);
    // "No data" is no figure at all: after every figure, whichever way the column runs.
    if (x === null || y === null) {
      return x === y ? byName(a, b) : x === null ? 1 : -1;
    }
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'en-GB');
    // Ties keep alphabetical order whichever way the column runs.
    return order === 0 ? byName(a, b) : sign * order;
  });
}

function todayStamp(): string {
  return new Date().toISOString().slice(0, 10);
}

interface CoverageTableProps {
  rows: Rows;
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
            Coverage by territory: public figures from awarded Social Purchase Orders, beside each
            territory’s local need from open data. Select a column heading to sort by it.
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
              {columns.map((column) => (
                <td key={column.key} className={column.numeric ? 'table__number' : undefined}>
                  {column.total?.(rows)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="form__note">
        Need: each territory’s districts weighted by population. Deprivation is mySociety’s
        composite UK index (higher is more deprived; the most deprived fifth is its quintile 1);
        child poverty is after housing costs, claimants are a share of residents aged 16–64,
        homicides are over three years. “No data” where the open data has none.
      </p>
      <NeedCredits />
    </section>
  );
}
