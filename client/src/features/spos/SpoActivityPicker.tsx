import { useCallback, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { THEME_LABELS, Themes } from '@shared/schemas/activities';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingMessage } from '../../components/LoadingMessage';
import { SelectField } from '../../components/SelectField';
import { useActivities, type ActivityMapParams } from '../activities/activities.queries';
import { ActivityStatusBadge, VerifiedBadge } from '../activities/ActivityBadges';
import type { ActivityFilterValues } from '../activities/activity-filters';
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
const MAP_LABEL =
  'Map of activities to choose from. Arrow keys pan, plus and minus zoom, Tab reaches the markers; Enter on an activity opens it with a button to choose it. The list beside the map has the same activities.';

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
  const searchId = useId();

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
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  let list;
  if (activities.isPending) {
    list = <LoadingMessage>Loading activities…</LoadingMessage>;
  } else if (activities.isError) {
    list = (
      <ErrorMessage
        title="The activities could not be loaded"
        error={activities.error}
        onRetry={() => void activities.refetch()}
        isRetrying={activities.isFetching}
      />
    );
  } else if (activities.data.items.length === 0) {
    list = (
      <p className="muted">
        No activities match{territory ? ' in this territory' : ''}. Try another theme, other words,
        or anywhere in the UK.
      </p>
    );
  } else {
    list = (
      <ol
        className={`spo-picker__items${activities.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
        aria-busy={activities.isPlaceholderData || undefined}
      >
        {activities.data.items.map((activity) => {
          const picked = activity.id === pickedId;
          return (
            <li
              key={activity.id}
              className={`activity-card${picked ? ' activity-card--picked' : ''}`}
              data-testid="spo-activity-option"
            >
              <h4 className="activity-card__title">
                <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
              </h4>
              <p className="activity-card__provider">
                {activity.provider.name}
                {activity.provider.verified ? <VerifiedBadge /> : null}
              </p>
              <p className="activity-card__meta">{activity.territory.name}</p>
              <p className="activity-card__facts">
                <ActivityStatusBadge status={activity.status} atRiskUntil={activity.atRiskUntil} />
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
    );
  }

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
        <SelectField
          label="Theme"
          name="theme"
          value={theme}
          onChange={(event) => {
            setTheme(event.target.value);
            setPage(1);
          }}
        >
          <option value="">All themes</option>
          {Themes.map((t) => (
            <option key={t} value={t}>
              {THEME_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <div className="activity-filters__search">
          <label className="field__label" htmlFor={searchId}>
            Search activities
          </label>
          <div className="activity-filters__search-row">
            <input
              id={searchId}
              className="field__input"
              type="search"
              value={text}
              maxLength={200}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </div>
      </form>
      <div className="spo-picker__body">
        <div className="spo-picker__map">
          <AtlasMap className="atlas-map--small" label={MAP_LABEL} scrollWheelZoom={false}>
            <TerritoryOutlinesLayer highlightCode={territory || undefined} />
            <FitTerritoryLayer code={territory || undefined} />
            <ActivityClustersLayer params={mapParams} onPick={onPick} />
            <MapViewSync view={undefined} onViewportChange={handleViewportChange} />
          </AtlasMap>
          <ActivityMapStatus params={mapParams} />
        </div>
        <div className="spo-picker__list">
          {list}
          {data && data.total > 0 ? (
            <nav className="activity-list__pager" aria-label="Pages of activities to choose from">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setPage(page - 1)}
                disabled={page <= 1}
              >
                Previous
              </button>
              <p className="activity-list__total" aria-live="polite">
                Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
                {pluralise(data.total, 'activity', 'activities')}
              </p>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setPage(page + 1)}
                disabled={page >= totalPages}
              >
                Next
              </button>
            </nav>
          ) : null}
        </div>
      </div>
    </section>
  );
}
