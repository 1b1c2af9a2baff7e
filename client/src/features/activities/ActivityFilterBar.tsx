import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  CATEGORY_LABELS,
  NEED_LABELS,
  NeedTypes,
  PRIORITY_GROUP_LABELS,
  THEME_LABELS,
  Themes,
} from '@shared/schemas/activities';
import { SelectField } from '../../components/SelectField';
import type { MapView } from '../map/map-view';
import { useTerritories } from '../territories/territories.queries';
import { useTomsMeasures } from '../toms/toms.queries';
import { hasFilters, NEAR_KM_CHOICES, type ActivityFilterValues } from './activity-filters';

const DEFAULT_NEAR_KM = '25';

interface ActivityFilterBarProps {
  filters: ActivityFilterValues;
  onChange: (changes: ActivityFilterValues) => void;
  onClear: () => void;
  /** Where the map looks now: the centre a "within N km" filter starts from. */
  mapView: MapView | undefined;
}

function nearPoint(view: MapView): string {
  return `${view.lon.toFixed(4)},${view.lat.toFixed(4)}`;
}

function byLabel(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).sort(([, a], [, b]) => a.localeCompare(b, 'en-GB'));
}

/**
 * The filters of the browse page: free text (applied on Enter or Search, not on every key,
 * so results do not jump while someone types), then choices applied as soon as they change.
 */
export function ActivityFilterBar({ filters, onChange, onClear, mapView }: ActivityFilterBarProps) {
  const territories = useTerritories();
  const measures = useTomsMeasures();
  const id = useId();
  const [text, setText] = useState(filters.q ?? '');
  const [appliedQ, setAppliedQ] = useState(filters.q);
  const [chosenKm, setChosenKm] = useState(DEFAULT_NEAR_KM);
  // The search box follows the URL when it changes from elsewhere (Clear filters, Back).
  if (filters.q !== appliedQ) {
    setAppliedQ(filters.q);
    setText(filters.q ?? '');
  }

  const territoryOptions = useMemo(
    () =>
      (territories.data?.features.map((f) => f.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'en-GB'),
      ),
    [territories.data],
  );
  const measureOptions = useMemo(() => {
    // The filter matches a code in any framework: one option per code.
    const seen = new Map<string, string>();
    for (const m of measures.data ?? []) if (!seen.has(m.code)) seen.set(m.code, m.measure);
    return [...seen].sort(([a], [b]) => a.localeCompare(b, 'en-GB', { numeric: true }));
  }, [measures.data]);

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ q: text.trim() || undefined });
  }

  const nearOn = filters.near !== undefined;
  const nearKm = filters.km ?? chosenKm;

  function handleNearToggle(checked: boolean) {
    if (!checked) onChange({ near: undefined, km: undefined });
    // The point is where the map looks now, and stays put while the map moves on, so that
    // panning does not keep changing the results; "Move to the centre now" updates it.
    else if (mapView) onChange({ near: nearPoint(mapView), km: nearKm });
  }

  function handleKmChange(km: string) {
    setChosenKm(km);
    if (nearOn) onChange({ km });
  }

  return (
    <form
      className="activity-filters"
      role="search"
      aria-label="Filter activities"
      onSubmit={handleSearch}
      data-testid="activity-filters"
    >
      <div className="activity-filters__search">
        <label className="field__label" htmlFor={`${id}-q`}>
          Search activities
        </label>
        <div className="activity-filters__search-row">
          <input
            id={`${id}-q`}
            className="field__input"
            type="search"
            name="q"
            value={text}
            maxLength={200}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={`${id}-q-hint`}
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <p id={`${id}-q-hint`} className="field__hint">
          Words, “a phrase”, or -word to leave out.
        </p>
      </div>

      <SelectField
        label="Territory"
        name="territory"
        value={filters.territory ?? ''}
        onChange={(event) => onChange({ territory: event.target.value || undefined })}
        disabled={territories.isPending}
      >
        <option value="">
          {territories.isError ? 'All (territories could not be loaded)' : 'All territories'}
        </option>
        {territoryOptions.map((territory) => (
          <option key={territory.code} value={territory.code}>
            {territory.name}
          </option>
        ))}
      </SelectField>

      <SelectField
        label="Theme"
        name="theme"
        value={filters.theme ?? ''}
        onChange={(event) => onChange({ theme: event.target.value || undefined })}
      >
        <option value="">All themes</option>
        {Themes.map((theme) => (
          <option key={theme} value={theme}>
            {THEME_LABELS[theme]}
          </option>
        ))}
      </SelectField>

      <SelectField
        label="Category"
        name="category"
        value={filters.category ?? ''}
        onChange={(event) => onChange({ category: event.target.value || undefined })}
      >
        <option value="">All categories</option>
        {byLabel(CATEGORY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>

      <SelectField
        label="Priority group"
        name="group"
        value={filters.group ?? ''}
        onChange={(event) => onChange({ group: event.target.value || undefined })}
      >
        <option value="">All groups</option>
        {byLabel(PRIORITY_GROUP_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>

      <SelectField
        label="TOMs measure"
        name="measure"
        value={filters.measure ?? ''}
        onChange={(event) => onChange({ measure: event.target.value || undefined })}
        disabled={measures.isPending}
      >
        <option value="">
          {measures.isError ? 'Any (measures could not be loaded)' : 'Any measure'}
        </option>
        {measureOptions.map(([code, measure]) => (
          <option key={code} value={code}>
            {code}: {measure}
          </option>
        ))}
        {/* A link may name a measure this list lacks (not loaded yet, or retired). */}
        {filters.measure && !measureOptions.some(([code]) => code === filters.measure) ? (
          <option value={filters.measure}>{filters.measure}</option>
        ) : null}
      </SelectField>

      <SelectField
        label="Needs"
        name="need"
        value={filters.need ?? ''}
        onChange={(event) => onChange({ need: event.target.value || undefined })}
      >
        <option value="">Any need</option>
        {NeedTypes.map((need) => (
          <option key={need} value={need}>
            {NEED_LABELS[need]}
          </option>
        ))}
      </SelectField>

      <div className="activity-filters__toggles">
        <label className="checkbox">
          <input
            type="checkbox"
            name="atRisk"
            checked={filters.atRisk === 'true'}
            onChange={(event) => onChange({ atRisk: event.target.checked ? 'true' : undefined })}
          />
          Only activities at risk
        </label>
        <div className="activity-filters__near">
          <label className="checkbox">
            <input
              type="checkbox"
              name="near"
              checked={nearOn}
              disabled={!nearOn && !mapView}
              onChange={(event) => handleNearToggle(event.target.checked)}
            />
            Near the map centre,
          </label>
          <label htmlFor={`${id}-km`}>within</label>
          <select
            id={`${id}-km`}
            className="field__input activity-filters__km"
            name="km"
            value={nearKm}
            onChange={(event) => handleKmChange(event.target.value)}
          >
            {NEAR_KM_CHOICES.map((km) => (
              <option key={km} value={String(km)}>
                {km} km
              </option>
            ))}
            {!NEAR_KM_CHOICES.some((km) => String(km) === nearKm) ? (
              <option value={nearKm}>{nearKm} km</option>
            ) : null}
          </select>
          {nearOn && mapView ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onChange({ near: nearPoint(mapView) })}
            >
              Move to the centre now
            </button>
          ) : null}
        </div>
      </div>

      {hasFilters(filters) ? (
        <div className="activity-filters__clear">
          <button type="button" className="button button--secondary" onClick={onClear}>
            Clear filters
          </button>
        </div>
      ) : null}
    </form>
  );
}
