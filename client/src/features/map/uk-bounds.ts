import type { LatLngBoundsLiteral } from 'leaflet';
import { UK_BBOX } from '@shared/geo';

const [west, south, east, north] = UK_BBOX;

/** The UK as Leaflet wants it: [lat, lon] corners, where GeoJSON's box is lon/lat. */
export const UK_BOUNDS: LatLngBoundsLiteral = [
  [south, west],
  [north, east],
];
