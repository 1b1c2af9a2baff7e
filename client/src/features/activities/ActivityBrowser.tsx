import { useCallback, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { AtlasMap } from '../map/AtlasMap';
import { bboxParam, type MapViewport } from '../map/map-view';
import { MapViewSync } from '../map/MapViewSync';
import { TerritoryOutlinesLayer } from '../territories/TerritoryOutlinesLayer';
import type { ActivityListParams, ActivityMapParams } from './activities.queries';
import { hasFilters } from './activity-filters';
import { ActivityClustersLayer } from './ActivityClustersLayer';
import { ActivityFilterBar } from './ActivityFilterBar';
import { ActivityList } from './ActivityList';
import { ActivityMapStatus } from './ActivityMapStatus';
import { NearCircleLayer } from './NearCircleLayer';
import { LIST_PAGE_SIZE, useActivitySearch } from './useActivitySearch';
import { useProviderMemberships } from './useProviderMemberships';

const MAP_LABEL =
  'Map of activities. Arrow keys pan, plus and minus zoom; Tab reaches the markers, the arrow keys move between them, Enter opens one (a numbered group zooms in) and Escape returns to the map. The list beside the map has the same activities.';
const KEYS_HINT =
  'Markers: arrow keys to move, Enter to open (a group zooms in), Esc back to the map. Map: arrow keys pan, + and − zoom.';
const LIST_HEADING_ID = 'activity-list-heading';

function parseNear(near: string | undefined, km: string | undefined) {
  if (near === undefined || km === undefined) return undefined;
  const [lon, lat] = near.split(',').map(Number);
  if (lon === undefined || lat === undefined) return undefined;
  return { lon, lat, km: Number(km) };
}

/**
 * The marketplace's browse view: filters, the map of activities and the list beside it,
 * all driven by the URL so that any view can be shared or bookmarked.
 */
export function ActivityBrowser() {
  const { filters, view, page, inView, setFilters, clearFilters, setPage, setView, setInView } =
    useActivitySearch();
  const { providers } = useProviderMemberships();
  // The map is created once, where the URL said; after that it leads and the URL follows.
  const [initialView] = useState(view);
  const [viewport, setViewport] = useState<MapViewport | undefined>(undefined);
  const headingId = useId();

  const handleViewportChange = useCallback(
    (next: MapViewport, moved: boolean) => {
      setViewport(next);
      setView(next.view, { moved });
    },
    [setView],
  );

  const bbox = viewport ? bboxParam(viewport.bbox) : undefined;
  const mapParams: ActivityMapParams | undefined =
    bbox && viewport ? { filters, bbox, zoom: viewport.wholeZoom } : undefined;
  let listParams: ActivityListParams | undefined;
  if (!inView) listParams = { filters, page, pageSize: LIST_PAGE_SIZE };
  else if (bbox) listParams = { filters, bbox, page, pageSize: LIST_PAGE_SIZE };
  const near = parseNear(filters.near, filters.km);

  return (
    <section className="activities-page" aria-labelledby={headingId}>
      <div className="activities-page__head">
        <div>
          <h2 id={headingId}>Activities</h2>
          <p className="activities-page__intro">
            Community activities across the UK that make people healthier, safer and more resilient,
            and what they need to keep going.
          </p>
        </div>
        {providers.length > 0 ? (
          <Link className="button" to="/activities/new" data-testid="list-activity">
            List an activity
          </Link>
        ) : null}
      </div>
      <ActivityFilterBar
        filters={filters}
        onChange={setFilters}
        onClear={clearFilters}
        mapView={viewport?.view}
      />
      <div className="activities-page__body">
        <div className="activities-page__map">
          <AtlasMap
            initialView={initialView}
            label={MAP_LABEL}
            skipTo={LIST_HEADING_ID}
            keysHint={KEYS_HINT}
          >
            <TerritoryOutlinesLayer highlightCode={filters.territory} />
            {near ? <NearCircleLayer lon={near.lon} lat={near.lat} km={near.km} /> : null}
            <ActivityClustersLayer params={mapParams} />
            <MapViewSync view={view} onViewportChange={handleViewportChange} />
          </AtlasMap>
          <ActivityMapStatus params={mapParams} />
        </div>
        <ActivityList
          headingId={LIST_HEADING_ID}
          params={listParams}
          inView={inView}
          onInViewChange={setInView}
          onPageChange={setPage}
          onClearFilters={clearFilters}
          filtered={hasFilters(filters)}
        />
      </div>
    </section>
  );
}
