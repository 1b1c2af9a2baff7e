import {
  divIcon,
  latLngBounds,
  layerGroup,
  marker,
  point,
  type LayerGroup,
  type Map as LeafletMap,
  type Marker,
} from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { useNavigate, type NavigateFunction } from 'react-router-dom';
import {
  CATEGORY_LABELS,
  STATUS_LABELS,
  type ActivityMap,
  type ActivityMapFeature,
  type ActivityPointProperties,
  type ClusterProperties,
} from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { createRovingGroup, type RovingGroup, type RovingItem } from '../map/roving-focus';
import { useActivityMap, type ActivityMapParams } from './activities.queries';
import { pluralise } from './activity-format';
import {
  clusterSize,
  clusterTier,
  MARKER_PX,
  separateMarkers,
  shortCount,
} from './activity-markers';
import './activity-map.css';

/** Past this zoom a cluster is zoomed into, not fitted: the API splits clusters well before. */
const CLUSTER_MAX_ZOOM = 18;
const CLUSTER_PADDING: [number, number] = [32, 32];

/** A marker's identity across answers, so that one still in view keeps its element (and focus). */
function featureKey(feature: ActivityMapFeature): string {
  const props = feature.properties;
  if (props.kind === 'activity') return `activity:${props.id}`;
  const [lon, lat] = feature.geometry.coordinates;
  return `cluster:${lon},${lat},${props.count}`;
}

/**
 * Zooms in on a cluster far enough to split it: fitted to its activities' extent, and
 * always at least one level closer, since activities at the very same point have no extent
 * to fit.
 */
function zoomToCluster(map: LeafletMap, feature: ActivityMapFeature, props: ClusterProperties) {
  const [west, south, east, north] = props.bbox;
  const current = map.getZoom();
  const maxZoom = Math.min(CLUSTER_MAX_ZOOM, map.getMaxZoom());
  const [lon, lat] = feature.geometry.coordinates;
  if (west === east && south === north) {
    map.setView([lat ?? south, lon ?? west], Math.min(current + 2, maxZoom));
    return;
  }
  const bounds = latLngBounds([south, west], [north, east]);
  const fitted = map.getBoundsZoom(bounds, false, point(CLUSTER_PADDING));
  if (fitted > current) {
    map.fitBounds(bounds, { padding: CLUSTER_PADDING, maxZoom });
  } else {
    map.setView(bounds.getCenter(), Math.min(current + 1, maxZoom));
  }
}

function createClusterMarker(
  map: LeafletMap,
  feature: ActivityMapFeature,
  props: ClusterProperties,
): Marker {
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  const size = clusterSize(props.count);
  const layer = marker([lat, lon], {
    icon: divIcon({
      className: `activity-cluster activity-cluster--${clusterTier(props.count)}`,
      // Numbers only, so nothing here can smuggle markup in.
      html: `<span class="activity-cluster__count" data-count="${props.count}">${shortCount(props.count)}</span>`,
      iconSize: [size, size],
    }),
    // Shown on hover; the accessible name is set with the others' (see `clusterName`).
    title: clusterName(props),
    keyboard: true,
    riseOnHover: true,
  });
  layer.on('click', () => zoomToCluster(map, feature, props));
  return layer;
}

function clusterName(props: ClusterProperties): string {
  return `${pluralise(props.count, 'activity', 'activities')}: zoom in to see them`;
}

function activityName(props: ActivityPointProperties): string {
  const gap = props.fundingGapPence > 0 ? `, funding gap ${formatGbp(props.fundingGapPence)}` : '';
  return `${props.title}: ${STATUS_LABELS[props.status].toLowerCase()}, ${CATEGORY_LABELS[props.category].toLowerCase()}${gap}`;
}

/** Offered on each single activity's popup when the map is used to choose one. */
export type ActivityPickHandler = (activity: { id: string; title: string }) => void;

/**
 * The popup of one activity: its title as a link to its page, what it is at a glance, and
 * a button to choose it when the map picks activities (`pickRef`).
 */
function popupContent(
  props: ActivityPointProperties,
  navigateRef: { current: NavigateFunction },
  pickRef: { current: ActivityPickHandler | undefined },
  close: () => void,
) {
  const path = `/activities/${encodeURIComponent(props.id)}`;
  const root = document.createElement('div');
  root.className = 'activity-popup';
  const link = document.createElement('a');
  link.className = 'activity-popup__title';
  link.href = path;
  link.textContent = props.title;
  link.addEventListener('click', (event) => {
    // Ctrl-, Shift- and middle-clicks open a new tab as links should; a plain click stays in
    // the app instead of reloading it.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    void navigateRef.current(path);
  });
  const meta = document.createElement('p');
  meta.className = 'activity-popup__meta';
  meta.textContent = `${CATEGORY_LABELS[props.category]} · ${STATUS_LABELS[props.status]}`;
  root.append(link, meta);
  if (props.fundingGapPence > 0) {
    const gap = document.createElement('p');
    gap.className = 'activity-popup__meta';
    gap.textContent = `Funding gap ${formatGbp(props.fundingGapPence)}`;
    root.append(gap);
  }
  if (pickRef.current) {
    const choose = document.createElement('button');
    choose.type = 'button';
    choose.className = 'button button--small activity-popup__pick';
    choose.textContent = 'Choose this activity';
    choose.addEventListener('click', () => {
      pickRef.current?.({ id: props.id, title: props.title });
      close();
    });
    root.append(choose);
  }
  return root;
}

function createActivityMarker(
  feature: ActivityMapFeature,
  props: ActivityPointProperties,
  navigateRef: { current: NavigateFunction },
  pickRef: { current: ActivityPickHandler | undefined },
): Marker {
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  const layer = marker([lat, lon], {
    icon: divIcon({
      // The status is told by the symbol's shape as well as its colour (see ActivityMapKey).
      className: `activity-marker activity-marker--${props.status}`,
      html: '<span class="activity-marker__symbol"></span>',
      iconSize: [MARKER_PX, MARKER_PX],
    }),
    title: props.title,
    keyboard: true,
    riseOnHover: true,
  });
  layer.bindPopup(
    popupContent(props, navigateRef, pickRef, () => layer.closePopup()),
    {
      className: 'activity-popup-frame',
    },
  );
  layer.on('popupclose', () => {
    const popup = layer.getPopup()?.getElement();
    if (popup?.contains(document.activeElement)) layer.getElement()?.focus();
  });
  return layer;
}

/**
 * Enter or Space on a marker, as a click: a group zooms in to split (the keyboard's place
 * stays on the map, as the group is about to be replaced by what it splits into); a single
 * activity opens its popup, whose link takes the focus, else a keyboard user would have to
 * tab through every other marker to reach it.
 */
function activate(map: LeafletMap, feature: ActivityMapFeature, layer: Marker) {
  const props = feature.properties;
  if (props.kind === 'cluster') {
    zoomToCluster(map, feature, props);
    map.getContainer().focus({ preventScroll: true });
    return;
  }
  layer.openPopup();
  layer.getPopup()?.getElement()?.querySelector('a')?.focus();
}

/** Reading order for the arrow keys: north to south in bands of 40 px, west to east in each. */
function readingOrder(map: LeafletMap, entries: [ActivityMapFeature, Marker][]) {
  const at = ([feature]: [ActivityMapFeature, Marker]) => {
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    return map.latLngToLayerPoint([lat, lon]);
  };
  return [...entries].sort((a, b) => {
    const pa = at(a);
    const pb = at(b);
    return Math.round(pa.y / 40) - Math.round(pb.y / 40) || pa.x - pb.x;
  });
}

interface ActivityMarkersProps {
  collection: ActivityMap;
  onPick: ActivityPickHandler | undefined;
}

function ActivityMarkers({ collection, onPick }: ActivityMarkersProps) {
  const map = useMap();
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  // Read when a marker's popup is built: whether the map picks is fixed for its life.
  const pickRef = useRef(onPick);
  const groupRef = useRef<LayerGroup | undefined>(undefined);
  const rovingRef = useRef<RovingGroup | undefined>(undefined);
  const markersRef = useRef(new Map<string, Marker>());

  useEffect(() => {
    navigateRef.current = navigate;
    pickRef.current = onPick;
  }, [navigate, onPick]);

  useEffect(() => {
    const group = layerGroup().addTo(map);
    const container = map.getContainer();
    const roving = createRovingGroup(container);
    groupRef.current = group;
    rovingRef.current = roving;
    // Leaflet closes a popup on Escape only while the map itself has the focus; from the
    // popup's link it goes back to the marker (see popupclose).
    const handlePopupEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !(event.target instanceof Element)) return;
      if (!event.target.closest('.leaflet-popup')) return;
      event.preventDefault();
      map.closePopup();
    };
    container.addEventListener('keydown', handlePopupEscape);
    return function removeActivityMarkers() {
      container.removeEventListener('keydown', handlePopupEscape);
      roving.remove();
      group.remove();
      groupRef.current = undefined;
      rovingRef.current = undefined;
      markersRef.current = new Map();
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const previous = markersRef.current;
    const container = map.getContainer();
    const hadFocus = container.contains(document.activeElement);
    const next = new Map<string, Marker>();
    const drawn: [ActivityMapFeature, Marker][] = [];
    const features = separateMarkers(collection.features, (lon, lat) =>
      map.latLngToLayerPoint([lat, lon]),
    );
    for (const feature of features) {
      let key = featureKey(feature);
      // Two clusters can share a point and a count; each still needs its own marker.
      while (next.has(key)) key += '+';
      const props = feature.properties;
      const layer =
        previous.get(key) ??
        (props.kind === 'cluster'
          ? createClusterMarker(map, feature, props)
          : createActivityMarker(feature, props, navigateRef, pickRef));
      if (!previous.has(key)) layer.addTo(group);
      next.set(key, layer);
      drawn.push([feature, layer]);
    }
    for (const [key, layer] of previous) {
      if (!next.has(key)) group.removeLayer(layer);
    }
    markersRef.current = next;
    // A marker (or its popup) with the focus went with the old answer: the keyboard stays on
    // the map rather than falling back to the top of the page.
    if (hadFocus && !container.contains(document.activeElement)) {
      container.focus({ preventScroll: true });
    }

    const items: RovingItem[] = [];
    for (const [feature, layer] of readingOrder(map, drawn)) {
      const element = layer.getElement();
      if (!element) continue;
      const props = feature.properties;
      items.push({
        element,
        name: props.kind === 'cluster' ? clusterName(props) : activityName(props),
        activate: () => activate(map, feature, layer),
      });
    }
    rovingRef.current?.setItems(items);
  }, [map, collection]);

  return null;
}

interface ActivityClustersLayerProps {
  params: ActivityMapParams | undefined;
  /** When given, each activity's popup also offers "Choose this activity" (an SPO's lines). */
  onPick?: ActivityPickHandler | undefined;
}

/**
 * Activities on the map for the box in view: clusters showing how many (click or Enter to
 * zoom in) when zoomed out, single activities with a popup linking to their page when
 * zoomed in. The markers are one Tab stop with the map's keys (`roving-focus.ts`), each named
 * with what it is (a group's count; an activity's title, status and need).
 */
export function ActivityClustersLayer({ params, onPick }: ActivityClustersLayerProps) {
  const { data } = useActivityMap(params);
  // Loading, empty and error states are shown beside the map by `ActivityMapStatus`.
  if (!data) return null;
  return <ActivityMarkers collection={data} onPick={onPick} />;
}
