import { useId, useMemo, useState } from 'react';
import { Nations, type TerritoryProperties } from '@shared/schemas/territories';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describedBy, FieldError } from '../../components/FieldError';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useTerritories } from './territories.queries';

interface TerritoryPickerProps {
  legend: string;
  hint?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}

function normalise(text: string): string {
  return text.trim().toLocaleLowerCase('en-GB');
}

/**
 * Chooses any number of territories: a checkbox each, by nation, with a filter. Checkboxes
 * rather than a `<select multiple>`, which needs modifier keys few people know.
 */
export function TerritoryPicker({ legend, hint, value, onChange, error }: TerritoryPickerProps) {
  const territories = useTerritories();
  const [filter, setFilter] = useState('');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const filterId = `${id}-filter`;

  const properties = useMemo(
    () =>
      (territories.data?.features.map((feature) => feature.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'en-GB'),
      ),
    [territories.data],
  );
  const query = normalise(filter);
  const shown = properties.filter((t: TerritoryProperties) =>
    [t.name, t.force, t.code].some((text) => normalise(text).includes(query)),
  );
  const selected = new Set(value);

  function handleToggle(code: string, checked: boolean) {
    onChange(checked ? [...value, code] : value.filter((c) => c !== code));
  }

  let body;
  if (territories.isPending) {
    body = <LoadingMessage>Loading territories…</LoadingMessage>;
  } else if (territories.isError) {
    body = (
      <ErrorMessage
        title="The territories could not be loaded"
        error={territories.error}
        onRetry={() => void territories.refetch()}
        isRetrying={territories.isFetching}
      />
    );
  } else if (properties.length === 0) {
    body = <p>No territories are available yet.</p>;
  } else {
    body = (
      <>
        <label className="field__label" htmlFor={filterId}>
          Filter territories
        </label>
        <input
          id={filterId}
          className="field__input"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <p className="territory-picker__count" role="status">
          {value.length === 1 ? '1 territory chosen' : `${value.length} territories chosen`}
        </p>
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
    <fieldset
      className="field fieldset territory-picker"
      aria-describedby={describedBy(hint && hintId, error && errorId)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} label={legend} message={error} />
      {body}
    </fieldset>
  );
}
