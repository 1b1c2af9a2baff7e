import type { LatLngBounds, Map as LeafletMap } from 'leaflet';

/** Where a map looks: its centre and (possibly fractional) zoom, as a URL records it. */
export interface MapView {
  lat: number;
  lon: number;
  zoom: number;
}

/** `minLon,minLat,maxLon,maxLat` in degrees, west before east. */
export type Bbox = [number, number, number, number];

/** What a map shows once it settles: its view, the box it covers and a whole zoom level. */
export interface MapViewport {
  view: MapView;
  bbox: Bbox;
  /** The zoom as a whole number 0–20, which is what the API's clustering works in. */
  wholeZoom: number;
}

const round = (value: number, places: number) => Number(value.toFixed(places));
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A map view read from `?lat=&lon=&z=`, or undefined when any is missing or out of range
 * (the map then starts on its default view).
 */
export function readMapView(params: URLSearchParams): MapView | undefined {
  const [lat, lon, zoom] = ['lat', 'lon', 'z'].map((key) => {
    const text = params.get(key);
    return text === null || text.trim() === '' ? NaN : Number(text);
  });
  if (lat === undefined || lon === undefined || zoom === undefined) return undefined;
  if (!(Math.abs(lat) <= 85 && Math.abs(lon) <= 180 && zoom >= 0 && zoom <= 20)) return undefined;
  return { lat, lon, zoom };
}

/** Writes a view into `?lat=&lon=&z=`, rounded to about ten metres so that URLs stay short. */
export function writeMapView(params: URLSearchParams, view: MapView): void {
  params.set('lat', String(round(view.lat, 4)));
  params.set('lon', String(round(view.lon, 4)));
  params.set('z', String(round(view.zoom, 1)));
}

/** A view as text, to tell whether two views are the one the URL would record. */
export function viewKey(view: MapView): string {
  return `${round(view.lat, 4)},${round(view.lon, 4)},${round(view.zoom, 1)}`;
}

/**
 * The box Leaflet shows, clamped to the world: zoomed out on a wide screen Leaflet reports
 * longitudes past ±180, and the API refuses a box that crosses the antimeridian. Rounded
 * outwards, so that nothing on the edge of the view is left out.
 */
export function boundsToBbox(bounds: LatLngBounds): Bbox {
  const west = clamp(Math.floor(bounds.getWest() * 1e4) / 1e4, -180, 180);
  const south = clamp(Math.floor(bounds.getSouth() * 1e4) / 1e4, -90, 90);
  const east = clamp(Math.ceil(bounds.getEast() * 1e4) / 1e4, -180, 180);
  const north = clamp(Math.ceil(bounds.getNorth() * 1e4) / 1e4, -90, 90);
  // A map of zero size (not laid out yet) has no extent; the API needs west < east.
  return [
    Math.min(west, 179.9999),
    Math.min(south, 89.9999),
    Math.max(east, west + 1e-4),
    Math.max(north, south + 1e-4),
  ];
}

/** A box as the API's `bbox` parameter. */
export function bboxParam(bbox: Bbox): string {
  return bbox.join(',');
}

/** Everything a page needs to know about where a Leaflet map now looks. */
export function readViewport(map: LeafletMap): MapViewport {
  const center = map.getCenter();
  const zoom = map.getZoom();
  return {
    view: { lat: center.lat, lon: center.wrap().lng, zoom },
    bbox: boundsToBbox(map.getBounds()),
    wholeZoom: clamp(Math.round(zoom), 0, 20),
  };
}
