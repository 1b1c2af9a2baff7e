import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PlaceKind } from '@shared/schemas/places';
import { REFERENCE_DATA_DIR } from '../../config';
import { createGazetteer, loadUkPlaces, type UkPlace } from '../../lib/gazetteer';

/** Postcode district centroids (ONS NSPL May 2025, see `seed/data/places/SOURCE.md`). */
export const POSTCODE_DISTRICTS_FILE = path.join(
  REFERENCE_DATA_DIR,
  'places/postcode_districts.csv',
);

/** A town or postcode district the finder knows, at its own point. */
export interface FoundPlace {
  name: string;
  kind: PlaceKind;
  /** For a postcode district, the nearest sizeable town. */
  near: string | null;
  lon: number;
  lat: number;
}

/** A town as the finder holds it: its name compared in the normalised form. */
interface Town extends UkPlace {
  key: string;
  words: string[];
}

/** A postcode district: "OX4", at the centroid of its postcodes. */
export interface District {
  code: string;
  lon: number;
  lat: number;
}

/** Lower case, no accents or punctuation, "saint" as "st": how names are compared. */
export function normalisePlaceName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bsaint\b/g, 'st');
}

// An outward code ("OX4", "EC1A", "B1"), optionally with the inward one ("OX4 1AA"); typed
// with or without the space, so matched on the text with spaces removed.
const OUTWARD = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})?$/;
const AREA_ONLY = /^[A-Z]{1,2}$/;

/** The most districts listed for a search of an area's letters alone ("OX"). */
const AREA_DISTRICTS = 5;

// Districts that exist only as terminated postcodes (pre-1996 Aberdeen): see SOURCE.md.
const TERMINATED = new Set(['AB1', 'AB2', 'AB3', 'AB4', 'AB5', 'AB9']);

/**
 * Finds towns and postcode districts by what people type: "OX4", "ox4 1aa", "Oxford",
 * "reading", "St Albans". Built once from the data; a search scans a few thousand names.
 */
export function createPlaceFinder(places: readonly UkPlace[], districts: readonly District[]) {
  const towns: Town[] = places.map((place) => {
    const key = normalisePlaceName(place.name);
    return { ...place, key, words: key.split(' ') };
  });
  const byCode = new Map(districts.map((d, order) => [d.code, { ...d, order }]));
  // A district is "near" the town the rest of the app names points by (coverage clusters).
  const namer = createGazetteer(places.filter((p) => p.population > 0 && !p.section));
  const asDistrict = (d: District): FoundPlace => ({
    name: d.code,
    kind: 'postcode_district',
    near: namer.nearest(d.lon, d.lat)?.name ?? null,
    lon: d.lon,
    lat: d.lat,
  });
  const asTown = (t: Town): FoundPlace => ({
    name: t.name,
    kind: 'town',
    near: null,
    lon: t.lon,
    lat: t.lat,
  });

  return {
    /**
     * Up to `limit` places, best first: a postcode district typed whole, then towns named
     * exactly so, then towns whose names start with the text, then districts starting with it
     * (OX4 before OX44), then towns with a later word starting with it ("upon Tyne"). Towns
     * of a rank by population.
     */
    search(text: string, limit: number): FoundPlace[] {
      const compact = text.replace(/\s+/g, '').toUpperCase();
      const key = normalisePlaceName(text);
      const ranked: { rank: number; order: number; place: () => FoundPlace }[] = [];

      const outward = OUTWARD.exec(compact)?.[1];
      if (outward) {
        const exact = byCode.get(outward);
        if (exact) ranked.push({ rank: 0, order: 0, place: () => asDistrict(exact) });
      }
      const districtPrefix = outward && !OUTWARD.exec(compact)?.[2] ? outward : undefined;
      const area = AREA_ONLY.test(compact) ? compact : undefined;
      if (districtPrefix || area) {
        const prefix = districtPrefix ?? area!;
        let listed = 0;
        for (const [code, d] of byCode) {
          if (code === prefix || !code.startsWith(prefix)) continue;
          // "OX" lists OX1, OX2…; "OX1" lists OX10…; "O" would list every area's: no.
          if (area && !/^\d/.test(code.slice(prefix.length))) continue;
          if (area && listed >= AREA_DISTRICTS) break;
          listed += 1;
          ranked.push({ rank: 3, order: d.order, place: () => asDistrict(d) });
        }
      }

      if (key) {
        for (const [index, t] of towns.entries()) {
          let rank: number | undefined;
          if (t.key === key) rank = 1;
          else if (t.key.startsWith(key)) rank = 2;
          else if (t.words.some((_, i) => i > 0 && t.words.slice(i).join(' ').startsWith(key)))
            rank = 4;
          if (rank !== undefined) {
            ranked.push({ rank, order: -t.population * 1e4 + index, place: () => asTown(t) });
          }
        }
      }

      return ranked
        .sort((a, b) => a.rank - b.rank || a.order - b.order)
        .slice(0, limit)
        .map((r) => r.place());
    },
  };
}

export type PlaceFinder = ReturnType<typeof createPlaceFinder>;

/**
 * Great Britain's postcode districts. Northern Ireland's (BT) are left out: their licence is
 * not the OGL (see SOURCE.md), and its towns are found by name instead.
 */
async function readDistricts(file: string): Promise<District[]> {
  const rows = parse(await fs.readFile(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as { district: string; lat: string; lon: string; area: string }[];
  return rows
    .filter((row) => row.area !== 'BT' && !TERMINATED.has(row.district))
    .map((row) => ({ code: row.district, lon: Number(row.lon), lat: Number(row.lat) }));
}

let loaded: Promise<PlaceFinder> | undefined;

/**
 * The place finder over GeoNames' UK places and Great Britain's postcode districts, read once
 * per process, on the first search (about half a second).
 */
export function loadPlaceFinder(): Promise<PlaceFinder> {
  loaded ??= Promise.all([loadUkPlaces(), readDistricts(POSTCODE_DISTRICTS_FILE)]).then(
    ([places, districts]) => createPlaceFinder(places, districts),
    (error: unknown) => {
      // Tried again on the next search rather than failing for good.
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}
