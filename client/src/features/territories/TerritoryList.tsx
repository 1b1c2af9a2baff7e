import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { NavLink } from 'react-router-dom';
import { Nations, type Nation, type TerritoryProperties } from '@shared/schemas/territories';

interface NationGroup {
  nation: Nation;
  territories: TerritoryProperties[];
}

function normalise(text: string): string {
  return text.trim().toLocaleLowerCase('en-GB');
}

function matches(territory: TerritoryProperties, query: string): boolean {
  return [territory.name, territory.force, territory.code].some((text) =>
    normalise(text).includes(query),
  );
}

/** Territories matching the filter, by nation in the shared order, by name within each. */
function groupByNation(territories: TerritoryProperties[], filter: string): NationGroup[] {
  const query = normalise(filter);
  const shown = territories
    .filter((territory) => matches(territory, query))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return Nations.map((nation) => ({
    nation,
    territories: shown.filter((t) => t.nation === nation),
  })).filter((group) => group.territories.length > 0);
}

interface TerritoryListProps {
  territories: TerritoryProperties[];
}

/**
 * Every territory as a link, the way to choose one without a pointer: keyboard and
 * screen-reader users get here rather than to the map's shapes.
 */
export function TerritoryList({ territories }: TerritoryListProps) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupByNation(territories, filter), [territories, filter]);
  const shownCount = groups.reduce((sum, group) => sum + group.territories.length, 0);
  const headingId = useId();
  const filterId = useId();

  function handleFilterChange(event: ChangeEvent<HTMLInputElement>) {
    setFilter(event.target.value);
  }

  return (
    <section className="territory-list" aria-labelledby={headingId}>
      <h3 id={headingId}>All territories</h3>
      <label className="territory-list__label" htmlFor={filterId}>
        Filter by name, force or code
      </label>
      <input
        id={filterId}
        className="territory-list__filter"
        type="search"
        value={filter}
        onChange={handleFilterChange}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="territory-list__count" role="status">
        {filter.trim()
          ? `${shownCount} of ${territories.length} territories match`
          : `${territories.length} territories`}
      </p>
      {groups.length === 0 ? (
        <p className="territory-list__empty">No territory matches “{filter.trim()}”.</p>
      ) : (
        groups.map((group) => (
          <div key={group.nation} className="territory-list__group">
            <h4>{group.nation}</h4>
            <ul>
              {group.territories.map((territory) => (
                // NavLink marks the open territory with aria-current="page".
                <li key={territory.code}>
                  <NavLink to={`/territories/${territory.code}`} className="territory-list__link">
                    {territory.name}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
