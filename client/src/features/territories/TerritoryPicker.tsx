import { useMemo, useState } from 'react';
import { Nations, type TerritoryProperties } from '@shared/schemas/territories';
import { QueryError } from '../../components/QueryState';
import { ChoiceListFilter, normaliseForFilter } from '../../components/ChoiceListFilter';
import { FieldGroup } from '../../components/FieldGroup';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useTerritories } from './territories.queries';

interface TerritoryPickerProps {
  legend: string;
  hint?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}

/**
 * Chooses any number of territories: a checkbox each, by nation, with a filter. Checkboxes
 * rather than a `<select multiple>`, which needs modifier keys few people know.
 */
export function TerritoryPicker({ legend, hint, value, onChange, error }: TerritoryPickerProps) {
  const territories = useTerritories();
  const [filter, setFilter] = useState('');

  const properties = useMemo(
    () =>
      (territories.data?.features.map((feature) => feature.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'en-GB'),
      ),
    [territories.data],
  );
  const query = normaliseForFilter(filter);
  const shown = properties.filter((t: TerritoryProperties) =>
    [t.name, t.force, t.code].some((text) => normaliseForFilter(text).includes(query)),
  );
  const selected = new Set(value);

  function handleToggle(code: string, checked: boolean) {
    onChange(checked ? [...value, code] : value.filter((c) => c !== code));
  }

  let body;
  if (territories.isPending) {
    body = <LoadingMessage>Loading territories…</LoadingMessage>;
  } else if (territories.isError) {
    body = <QueryError title="The territories could not be loaded" query={territories} />;
  } else if (properties.length === 0) {
    body = <p>No territories are available yet.</p>;
  } else {
    body = (
      <>
        <ChoiceListFilter
          label="Filter territories"
          value={filter}
          onChange={setFilter}
          chosen={value.length === 1 ? '1 territory chosen' : `${value.length} territories chosen`}
        />
        <div className="territory-picker__options">
          {shown.length === 0 ? <p>No territory matches “{filter.trim()}”.</p> : null}
          {Nations.map((nation) => {
            const inNation = shown.filter((t) => t.nation === nation);
            if (inNation.length === 0) return null;
            return (
              <div key={nation} role="group" aria-label={nation}>
                <p className="territory-picker__nation" aria-hidden="true">
                  {nation}
                </p>
                {inNation.map((territory) => (
                  <label key={territory.code} className="checkbox">
                    <input
                      type="checkbox"
                      name="territories"
                      value={territory.code}
                      checked={selected.has(territory.code)}
                      onChange={(event) => handleToggle(territory.code, event.target.checked)}
                    />
                    {territory.name}
                  </label>
                ))}
              </div>
            );
          })}
        </div>
      </>
    );
  }

  return (
    <FieldGroup legend={legend} hint={hint} error={error} className="territory-picker">
      {body}
    </FieldGroup>
  );
}
