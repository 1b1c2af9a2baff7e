import { useId, useState, type ReactNode } from 'react';
import type { LadNeed } from '@shared/schemas/need';
import { formatPct, formatPopulation, NO_DATA } from './need-format';

type SortKey = 'name' | 'territory' | 'population' | 'quintile' | 'childPoverty' | 'claimant';
type Direction = 'ascending' | 'descending';

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
  /** Null sorts last whichever way the column runs: "no data" is not the smallest figure. */
  value: (lad: LadNeed, territoryName: string) => number | string | null;
  cell: (lad: LadNeed, territoryName: string) => ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'territory',
    label: 'Territory',
    numeric: false,
    value: (_lad, territory) => territory,
    cell: (_lad, territory) => territory,
  },
  {
    key: 'population',
    label: 'Population',
    numeric: true,
    value: (lad) => lad.population,
    cell: (lad) => formatPopulation(lad.population),
  },
  {
    key: 'quintile',
    label: 'Deprivation quintile',
    numeric: true,
    value: (lad) => lad.deprivationQuintile,
    cell: (lad) => lad.deprivationQuintile ?? NO_DATA,
  },
  {
    key: 'childPoverty',
    label: 'Child poverty',
    numeric: true,
    value: (lad) => lad.childPovertyPct,
    cell: (lad) => formatPct(lad.childPovertyPct),
  },
  {
    key: 'claimant',
    label: 'Claimant count',
    numeric: true,
    value: (lad) => lad.claimantPct,
    cell: (lad) => formatPct(lad.claimantPct),
  },
];

const byName = (a: LadNeed, b: LadNeed) => a.name.localeCompare(b.name, 'en-GB');

interface NeedTableProps {
  lads: readonly LadNeed[];
  territoryNames: ReadonlyMap<string, string>;
  caption: string;
  /** Whether to show each district's territory: not when the caption names the one territory. */
  showTerritory: boolean;
}

/**
 * The need map as a table: each district's territory, population, deprivation quintile, child
 * poverty and claimant count, sortable by any column (buttons in the headings, with
 * `aria-sort`). Missing figures read "no data" and sort last.
 */
export function NeedTable({ lads, territoryNames, caption, showTerritory }: NeedTableProps) {
  const headingId = useId();
  const columns = showTerritory ? COLUMNS : COLUMNS.filter((c) => c.key !== 'territory');
  const [sortKey, setSortKey] = useState<SortKey>('name');
  const [direction, setDirection] = useState<Direction>('ascending');
  const territoryOf = (lad: LadNeed) => territoryNames.get(lad.territoryCode) ?? lad.territoryCode;
  const column = columns.find((c) => c.key === sortKey);
  const sign = direction === 'ascending' ? 1 : -1;
  const sorted = [...lads].sort((a, b) => {
    if (!column) return sign * byName(a, b);
    const x = column.value(a, territoryOf(a));
    const y = column.value(b, territoryOf(b));
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'en-GB');
    return order === 0 ? byName(a, b) : sign * order;
  });

  function handleSort(key: SortKey) {
    if (key === sortKey) {
      setDirection(direction === 'ascending' ? 'descending' : 'ascending');
      return;
    }
    setSortKey(key);
    setDirection('ascending');
  }

  function sortButton(key: SortKey, label: string) {
    let arrow = '↕';
    if (key === sortKey) arrow = direction === 'ascending' ? '▲' : '▼';
    return (
      <button
        type="button"
        className="need-table__sort"
        onClick={() => handleSort(key)}
        data-sort-key={key}
      >
        {label}
        <span className="need-table__arrow" aria-hidden="true">
          {arrow}
        </span>
      </button>
    );
  }

  const ariaSort = (key: SortKey) => (key === sortKey ? direction : undefined);

  return (
    <section className="need-table-section" aria-labelledby={headingId}>
      <h4 id={headingId}>Need by district: table</h4>
      <p className="need-table__note">
        Quintile 1 is the most deprived fifth of the UK. Child poverty is the share of children in
        relative poverty after housing costs; the claimant count is a share of residents aged 16 to
        64. Select a column heading to sort by it.
      </p>
      {/* Focusable, so that the keyboard can scroll it sideways in a narrow panel. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
        <table className="table need-table" data-testid="need-table">
          <caption className="table__caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('name')}>
                {sortButton('name', 'District')}
              </th>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={ariaSort(c.key)}
                  className={c.numeric ? 'table__number' : undefined}
                >
                  {sortButton(c.key, c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((lad) => (
              <tr key={lad.code} data-testid="need-row" data-code={lad.code}>
                <th scope="row">{lad.name}</th>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'table__number' : undefined}>
                    {c.cell(lad, territoryOf(lad))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
