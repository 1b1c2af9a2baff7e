import {
  circleMarker,
  geoJSON,
  layerGroup,
  polyline,
  Path,
  type CircleMarker,
  type Map as LeafletMap,
  type PathOptions,
} from 'leaflet';
import type { Feature, Polygon } from 'geojson';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router-dom';
import type { AwardedLink, CoverageDetail, HexCellProperties } from '@shared/schemas/coverage';
import { formatGbp } from '@shared/money';
import { formatCount } from '../activities/activity-format';
import { createRovingGroup, type RovingItem } from '../map/roving-focus';
import { useCoverageDetail } from './coverage.queries';

/** Supported cells in green, unsupported in orange: PuOr/PRGn ends, apart for colour blindness. */
const SUPPORTED = '#1b7837';
const UNSUPPORTED = '#e08214';
const HEX_PANE = 'coverage-hexes';
const LINK_PANE = 'coverage-links';
/** Dashes tell an unsupported cell from a supported one without its colour (see the key). */
export const UNSUPPORTED_DASHES = '5 4';

function cellStyle(cell: HexCellProperties): PathOptions {
  const supported = cell.activitiesSupported > 0;
  return {
    className: supported ? 'coverage-hex coverage-hex--supported' : 'coverage-hex',
    color: supported ? SUPPORTED : UNSUPPORTED,
    weight: supported ? 2 : 1.5,
    dashArray: supported ? undefined : UNSUPPORTED_DASHES,
    fillColor: supported ? SUPPORTED : UNSUPPORTED,
    // More activities, more ink, up to a point.
    fillOpacity: Math.min(0.25 + cell.activitiesListed * 0.08, 0.75),
  };
}

function cellTooltip(cell: HexCellProperties): string {
  const listed = `${formatCount(cell.activitiesListed)} ${cell.activitiesListed === 1 ? 'activity' : 'activities'}`;
  if (cell.activitiesSupported === 0) return `${listed}, none supported`;
  return `${listed}, ${formatCount(cell.activitiesSupported)} supported: ${formatGbp(cell.committedPence)} a year`;
}

function linkTooltip(link: AwardedLink): string {
  return `${link.activity.title}: supported by ${link.supplier.name}, ${formatGbp(link.annualPence)} a year`;
}

/** A cell's middle, [lon, lat]: the mean of its hexagon's corners. */
function cellCentre(polygon: Polygon): [number, number] {
  const corners = (polygon.coordinates[0] ?? []).slice(0, -1);
  let lon = 0;
  let lat = 0;
  for (const [x = 0, y = 0] of corners) {
    lon += x;
    lat += y;
  }
  const n = Math.max(corners.length, 1);
  return [lon / n, lat / n];
}

/** The activities page on a cell: the map there, listing what is within 5 km of its middle. */
function cellActivitiesPath([lon, lat]: [number, number]): string {
  const at = `${lon.toFixed(4)},${lat.toFixed(4)}`;
  return `/activities?lat=${lat.toFixed(4)}&lon=${lon.toFixed(4)}&z=12&near=${at}&km=5`;
}

/**
 * Reading order, as the arrow keys follow it: rows from north to south (a row is about 3 km
 * of latitude, as the cells' rows are), west to east along each.
 */
function byReadingOrder<T>(items: T[], at: (item: T) => [number, number]): T[] {
  const row = (item: T) => Math.round(-at(item)[1] * 40);
  return [...items].sort((a, b) => row(a) - row(b) || at(a)[0] - at(b)[0]);
}

/** Goes to a page of the app. */
type Go = (path: string) => void;

function ensurePane(map: LeafletMap, name: string, zIndex: number) {
  if (!map.getPane(name)) map.createPane(name).style.zIndex = String(zIndex);
}

/** Draws the cells, one Tab stop for all of them; answers what removes them. */
function drawCells(map: LeafletMap, data: CoverageDetail, go: Go) {
  const cells: { shape: Path; centre: [number, number]; cell: HexCellProperties }[] = [];
  const layer = geoJSON<HexCellProperties, Polygon>(data.hexes, {
    pane: HEX_PANE,
    style: (feature) => (feature ? cellStyle(feature.properties) : {}),
    onEachFeature(feature: Feature<Polygon, HexCellProperties>, shape) {
      if (!(shape instanceof Path)) return;
      const centre = cellCentre(feature.geometry);
      shape.bindTooltip(cellTooltip(feature.properties), { sticky: true });
      shape.on('click', () => go(cellActivitiesPath(centre)));
      cells.push({ shape, centre, cell: feature.properties });
    },
  }).addTo(map);

  // Elements exist only once the layer is on the map.
  const group = createRovingGroup(map.getContainer(), { role: 'link' });
  const ordered = byReadingOrder(cells, (c) => c.centre);
  const items: RovingItem[] = [];
  ordered.forEach(({ shape, centre, cell }, index) => {
    const element = shape.getElement();
    if (!(element instanceof SVGElement)) return;
    element.setAttribute('data-key', `cell:${cell.i},${cell.j}`);
    items.push({
      element,
      name: `Cell ${index + 1} of ${ordered.length}: ${cellTooltip(cell)}. List its activities`,
      activate: () => go(cellActivitiesPath(centre)),
    });
  });
  group.setItems(items);
  return { layer, group };
}

/** Draws awarded SPOs as lines from supplier to activity; the activities are one Tab stop. */
function drawLinks(map: LeafletMap, data: CoverageDetail, go: Go) {
  const layer = layerGroup().addTo(map);
  const markers: { marker: CircleMarker; link: AwardedLink }[] = [];
  for (const link of data.awardedLinks) {
    const [lon, lat] = link.activity.at;
    if (link.supplier.at) {
      polyline(
        [
          [link.supplier.at[1], link.supplier.at[0]],
          [lat, lon],
        ],
        {
          pane: LINK_PANE,
          className: 'coverage-link',
          color: '#2d004b',
          weight: 1.5,
          dashArray: '4 4',
          // The line says what the activity's marker says; only the marker takes the pointer
          // and the focus, so that each award is one stop.
          interactive: false,
        },
      ).addTo(layer);
    }
    const marker = circleMarker([lat, lon], {
      pane: LINK_PANE,
      radius: 7,
      className: 'coverage-supported-activity',
      color: '#2d004b',
      weight: 2,
      fillColor: '#ffffff',
      fillOpacity: 1,
    });
    const path = `/activities/${encodeURIComponent(link.activity.id)}`;
    marker.bindTooltip(linkTooltip(link));
    marker.on('click', () => go(path));
    marker.addTo(layer);
    markers.push({ marker, link });
  }

  const group = createRovingGroup(map.getContainer(), { role: 'link' });
  const items: RovingItem[] = [];
  for (const { marker, link } of byReadingOrder(markers, (m) => m.link.activity.at)) {
    const element = marker.getElement();
    if (!(element instanceof SVGElement)) continue;
    element.setAttribute('data-key', `link:${link.spoId}:${link.activity.id}`);
    items.push({
      element,
      name: `${linkTooltip(link)}. Open the activity`,
      activate: () => go(`/activities/${encodeURIComponent(link.activity.id)}`),
    });
  }
  group.setItems(items);
  return { layer, group };
}

/**
 * The drilled-in territory's hexagonal cells (about 5 km across) coloured and dashed by
 * whether an awarded SPO supports an activity in them, and each awarded SPO drawn as a line
 * from its supplier to the activity it supports. The cells are one Tab stop and the supported
 * activities another, with the map's keys (`roving-focus.ts`): Enter on a cell lists its
 * activities, on an activity opens it, as a click does. Fits the map to the cells when the
 * territory changes.
 */
export function CoverageHexLayer({ code }: { code: string | undefined }) {
  const map = useMap();
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  const detail = useCoverageDetail(code);
  const data = detail.data?.code === code ? detail.data : undefined;
  const fittedRef = useRef<string | undefined>(undefined);
  // The cell or activity that had the focus when its drawing was replaced (a live update).
  const focusedKeyRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);

  useEffect(() => {
    if (!data) return;
    // Above the territories (the overlay pane, 400); the activities above the cells.
    ensurePane(map, HEX_PANE, 450);
    ensurePane(map, LINK_PANE, 460);
    const go: Go = (path) => void navigateRef.current(path);
    const cells = drawCells(map, data, go);
    const links = drawLinks(map, data, go);
    if (fittedRef.current !== data.code && data.hexes.features.length > 0) {
      fittedRef.current = data.code;
      map.fitBounds(cells.layer.getBounds(), { padding: [24, 24], maxZoom: 11 });
    }
    const container = map.getContainer();
    const focusedKey = focusedKeyRef.current;
    focusedKeyRef.current = undefined;
    // New figures redraw the cells; the keyboard keeps its place, on the same cell if it is
    // still there, else on the map, rather than falling back to the top of the page.
    if (focusedKey !== undefined && !container.contains(document.activeElement)) {
      const again = container.querySelector<SVGElement>(`[data-key="${CSS.escape(focusedKey)}"]`);
      (again ?? container).focus({ preventScroll: true });
    }
    return function removeCoverageHexes() {
      const active = document.activeElement;
      if (active && container.contains(active)) {
        focusedKeyRef.current = active.getAttribute('data-key') ?? undefined;
      }
      cells.group.remove();
      links.group.remove();
      cells.layer.remove();
      links.layer.remove();
    };
  }, [map, data]);

  useEffect(() => {
    if (code === undefined) fittedRef.current = undefined;
  }, [code]);

  return null;
}
