import { useCallback, useId, useState, type FormEvent } from 'react';
import { THEME_LABELS, Themes } from '@shared/schemas/activities';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { pageCount, Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { SearchField } from '../../components/SearchField';
import { SelectField } from '../../components/SelectField';
import { useActivities, type ActivityMapParams } from '../activities/activities.queries';
import { ActivityStatusBadge } from '../activities/ActivityBadges';
import type { ActivityFilterValues } from '../activities/activity-filters';
import { ActivityCardHeading } from '../activities/ActivityListItem';
import { formatCount, pluralise } from '../activities/activity-format';
import {
  ActivityClustersLayer,
  type ActivityPickHandler,
} from '../activities/ActivityClustersLayer';
import { ActivityMapStatus } from '../activities/ActivityMapStatus';
import { AtlasMap } from '../map/AtlasMap';
import { bboxParam, type MapViewport } from '../map/map-view';
import { MapViewSync } from '../map/MapViewSync';
import { FitTerritoryLayer } from '../territories/FitTerritoryLayer';
import { TerritoryOutlinesLayer } from '../territories/TerritoryOutlinesLayer';

const PAGE_SIZE = 8;
const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);
const MAP_LABEL =
  'Map of activities to choose from. Arrow keys pan, plus and minus zoom; Tab reaches the markers and the arrow keys move between them; Enter on an activity opens it with a button to choose it, Escape returns to the map. The list beside the map has the same activities.';
const KEYS_HINT =
  'Markers: arrow keys to move, Enter to open (a group zooms in), Esc back to the map.';

interface SpoActivityPickerProps {
  tender: TenderView;
  pickedId: string | undefined;
  onPick: ActivityPickHandler;
}

/**
 * Finds the activity a line supports: in the tender's territories first (or anywhere), by
 * theme and words, on a small map (choose from a marker's popup) or in the list beside it.
 */
export function SpoActivityPicker({ tender, pickedId, onPick }: SpoActivityPickerProps) {
  const [territory, setTerritory] = useState(tender.territories[0]?.code ?? '');
  const [theme, setTheme] = useState('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [viewport, setViewport] = useState<MapViewport | undefined>(undefined);
  const headingId = useId();
  const listId = useId();

  const filters: ActivityFilterValues = {
    ...(territory ? { territory } : {}),
    ...(theme ? { theme } : {}),
    ...(q ? { q } : {}),
  };
  const activities = useActivities({ filters, page, pageSize: PAGE_SIZE });
  const mapParams: ActivityMapParams | undefined = viewport
    ? { filters, bbox: bboxParam(viewport.bbox), zoom: viewport.wholeZoom }
    : undefined;
  const handleViewportChange = useCallback((next: MapViewport) => setViewport(next), []);

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(text.trim());
    setPage(1);
  }

  const data = activities.data;
  const totalPages = data ? pageCount(data) : 1;

  return (
    <section className="spo-picker" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        Choose an activity
      </h3>
      <form
        className="activity-filters spo-picker__filters"
        role="search"
        aria-label="Find activities"
        onSubmit={handleSearch}
      >
        <SelectField
          label="Territory"
          name="territory"
          value={territory}
          onChange={(event) => {
            setTerritory(event.target.value);
            setPage(1);
          }}
        >
          {tender.territories.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
          <option value="">Anywhere in the UK</option>
        </SelectField>
        <ChoiceFilter
          label="Theme"
          name="theme"
          value={theme}
          onChange={(next) => {
            setTheme(next ?? '');
            setPage(1);
          }}
          anyLabel="All themes"
          options={THEME_OPTIONS}
        />
        <SearchField label="Search activities" value={text} onChange={setText} maxLength={200} />
      </form>
      <div className="spo-picker__body">
        <div className="spo-picker__map">
          <AtlasMap
            className="atlas-map--small"
            label={MAP_LABEL}
            scrollWheelZoom={false}
            skipTo={listId}
            keysHint={KEYS_HINT}
          >
            <TerritoryOutlinesLayer highlightCode={territory || undefined} />
            <FitTerritoryLayer code={territory || undefined} />
            <ActivityClustersLayer params={mapParams} onPick={onPick} />
            <MapViewSync view={undefined} onViewportChange={handleViewportChange} />
          </AtlasMap>
          <ActivityMapStatus params={mapParams} />
        </div>
        <div className="spo-picker__list" id={listId}>
          <QueryState
            query={activities}
            loading="Loading activities…"
            errorTitle="The activities could not be loaded"
            empty={{
              when: ({ items }) => items.length === 0,
              content: (
                <p className="muted">
                  No activities match{territory ? ' in this territory' : ''}. Try another theme,
                  other words, or anywhere in the UK.
                </p>
              ),
            }}
          >
            {({ items }) => (
              <ol
                className={`spo-picker__items${activities.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
                aria-busy={activities.isPlaceholderData || undefined}
              >
                {items.map((activity) => {
                  const picked = activity.id === pickedId;
                  return (
                    <li
                      key={activity.id}
                      className={`activity-card${picked ? ' activity-card--picked' : ''}`}
                      data-testid="spo-activity-option"
                    >
                      <ActivityCardHeading activity={activity} />
                      <p className="activity-card__meta">{activity.territory.name}</p>
                      <p className="activity-card__facts">
                        <ActivityStatusBadge
                          status={activity.status}
                          atRiskUntil={activity.atRiskUntil}
                        />
                        {activity.fundingGapPence > 0 ? (
                          <span>Funding gap {formatGbp(activity.fundingGapPence)}</span>
                        ) : null}
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => onPick({ id: activity.id, title: activity.title })}
                          aria-pressed={picked}
                          aria-label={`Choose ${activity.title}`}
                        >
                          {picked ? 'Chosen' : 'Choose'}
                        </button>
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
          </QueryState>
          {data && data.total > 0 ? (
            <Pager
              label="Pages of activities to choose from"
              page={page}
              totalPages={totalPages}
              onGoTo={setPage}
              small
            >
              Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
              {pluralise(data.total, 'activity', 'activities')}
            </Pager>
          ) : null}
        </div>
      </div>
    </section>
  );
}
