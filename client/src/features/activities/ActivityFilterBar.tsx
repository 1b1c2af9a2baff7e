import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  CATEGORY_LABELS,
  NEED_LABELS,
  NeedTypes,
  PRIORITY_GROUP_LABELS,
  THEME_LABELS,
  Themes,
} from '@shared/schemas/activities';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { SearchField, useSearchText } from '../../components/SearchField';
import type { MapView } from '../map/map-view';
import { TerritoryFilter } from '../territories/TerritoryFilter';
import { useTomsMeasures } from '../toms/toms.queries';
import { hasFilters, NEAR_KM_CHOICES, type ActivityFilterValues } from './activity-filters';

const DEFAULT_NEAR_KM = '25';
const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);
const NEED_OPTIONS = NeedTypes.map((need) => [need, NEED_LABELS[need]] as const);

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
  const measures = useTomsMeasures();
  const id = useId();
  const [text, setText] = useSearchText(filters.q);
  const [chosenKm, setChosenKm] = useState(DEFAULT_NEAR_KM);
  const measureOptions = useMemo(() => {
    // The filter matches a code in any framework: one option per code.
    const seen = new Map<string, string>();
    for (const m of measures.data ?? []) if (!seen.has(m.code)) seen.set(m.code, m.measure);
    return [...seen]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB', { numeric: true }))
      .map(([code, measure]) => [code, `${code}: ${measure}`] as const);
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
      <SearchField
        label="Search activities"
        name="q"
        value={text}
        onChange={setText}
        maxLength={200}
        hint="Words, “a phrase”, or -word to leave out."
      />

      <TerritoryFilter
        value={filters.territory}
        onChange={(territory) => onChange({ territory })}
      />

      <ChoiceFilter
        label="Theme"
        name="theme"
        value={filters.theme}
        onChange={(theme) => onChange({ theme })}
        anyLabel="All themes"
        options={THEME_OPTIONS}
      />

      <ChoiceFilter
        label="Category"
        name="category"
        value={filters.category}
        onChange={(category) => onChange({ category })}
        anyLabel="All categories"
        options={byLabel(CATEGORY_LABELS)}
      />

      <ChoiceFilter
        label="Priority group"
        name="group"
        value={filters.group}
        onChange={(group) => onChange({ group })}
        anyLabel="All groups"
        options={byLabel(PRIORITY_GROUP_LABELS)}
      />

      <ChoiceFilter
        label="TOMs measure"
        name="measure"
        value={filters.measure}
        onChange={(measure) => onChange({ measure })}
        anyLabel={measures.isError ? 'Any (measures could not be loaded)' : 'Any measure'}
        options={measureOptions}
        disabled={measures.isPending}
      >
        {/* A link may name a measure this list lacks (not loaded yet, or retired). */}
        {filters.measure && !measureOptions.some(([code]) => code === filters.measure) ? (
          <option value={filters.measure}>{filters.measure}</option>
        ) : null}
      </ChoiceFilter>

      <ChoiceFilter
        label="Needs"
        name="need"
        value={filters.need}
        onChange={(need) => onChange({ need })}
        anyLabel="Any need"
        options={NEED_OPTIONS}
      />

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
