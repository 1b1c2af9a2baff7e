import {
  divIcon,
  latLngBounds,
  layerGroup,
  marker,
  point,
  type LayerGroup,
  type LeafletKeyboardEvent,
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
import { useActivityMap, type ActivityMapParams } from './activities.queries';
import { pluralise } from './activity-format';

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

/** "12", "1.2k", "34k": short enough to fit inside the circle; `data-count` keeps the exact figure. */
function shortCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(count / 1000)}k`;
}

/** Bigger clusters are bigger circles, on a log scale so that a city does not cover a county. */
function clusterSize(count: number): number {
  return Math.round(28 + Math.min(1, Math.log10(Math.max(count, 1)) / 4) * 28);
}

function clusterTier(count: number): string {
  if (count < 10) return 'small';
  if (count < 100) return 'medium';
  if (count < 1000) return 'large';
  return 'huge';
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

function isActivation(event: LeafletKeyboardEvent): boolean {
  const { key } = event.originalEvent;
  return key === 'Enter' || key === ' ';
}

function createClusterMarker(
  map: LeafletMap,
  feature: ActivityMapFeature,
  props: ClusterProperties,
): Marker {
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  const size = clusterSize(props.count);
  // The title is also the marker's accessible name (Leaflet makes it a focusable button).
  const label = `${pluralise(props.count, 'activity', 'activities')}: zoom in to see them`;
  const layer = marker([lat, lon], {
    icon: divIcon({
      className: `activity-cluster activity-cluster--${clusterTier(props.count)}`,
      // Numbers only, so nothing here can smuggle markup in.
      html: `<span class="activity-cluster__count" data-count="${props.count}">${shortCount(props.count)}</span>`,
      iconSize: [size, size],
    }),
    title: label,
    keyboard: true,
    riseOnHover: true,
  });
  layer.on('click', () => zoomToCluster(map, feature, props));
  layer.on('keypress', (event: LeafletKeyboardEvent) => {
    if (!isActivation(event)) return;
    event.originalEvent.preventDefault();
    zoomToCluster(map, feature, props);
    // The cluster is about to be replaced by what it splits into; the keyboard's place
    // stays on the map rather than falling back to the top of the page.
    map.getContainer().focus({ preventScroll: true });
  });
  return layer;
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
      className: `activity-marker activity-marker--${props.status}`,
      html: '<span class="activity-marker__dot"></span>',
      iconSize: [20, 20],
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
  // Leaflet opens the popup on Enter; the link inside then takes the focus, else a keyboard
  // user would have to tab through every other marker to reach it.
  layer.on('keypress', (event: LeafletKeyboardEvent) => {
    if (event.originalEvent.key !== 'Enter') return;
    layer.getPopup()?.getElement()?.querySelector('a')?.focus();
  });
  layer.on('popupclose', () => {
    const popup = layer.getPopup()?.getElement();
    if (popup?.contains(document.activeElement)) layer.getElement()?.focus();
  });
  return layer;
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
  const markersRef = useRef(new Map<string, Marker>());

  useEffect(() => {
    navigateRef.current = navigate;
    pickRef.current = onPick;
  }, [navigate, onPick]);

  useEffect(() => {
    const group = layerGroup().addTo(map);
    groupRef.current = group;
    return function removeActivityMarkers() {
      group.remove();
      groupRef.current = undefined;
      markersRef.current = new Map();
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const previous = markersRef.current;
    const next = new Map<string, Marker>();
    for (const feature of collection.features) {
      let key = featureKey(feature);
      // Two clusters can share a point and a count; each still needs its own marker.
      while (next.has(key)) key += '+';
      const kept = previous.get(key);
      if (kept) {
        next.set(key, kept);
        continue;
      }
      const props = feature.properties;
      const layer =
        props.kind === 'cluster'
          ? createClusterMarker(map, feature, props)
          : createActivityMarker(feature, props, navigateRef, pickRef);
      layer.addTo(group);
      next.set(key, layer);
    }
    for (const [key, layer] of previous) {
      if (!next.has(key)) group.removeLayer(layer);
    }
    markersRef.current = next;
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
 * zoomed in. Markers are focusable, so the map can be browsed by keyboard too.
 */
export function ActivityClustersLayer({ params, onPick }: ActivityClustersLayerProps) {
  const { data } = useActivityMap(params);
  // Loading, empty and error states are shown beside the map by `ActivityMapStatus`.
  if (!data) return null;
  return <ActivityMarkers collection={data} onPick={onPick} />;
}
