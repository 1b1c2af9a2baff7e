import type { PlaceMatch, PlacesQuery } from '@shared/schemas/places';
import type { TerritoriesService } from '../territories/territories.service';
import type { PlaceFinder } from './places.finder';

// Candidates asked of the finder beyond the limit, for those that turn out to be at sea.
const SPARE = 5;

/** Rounds to 5 decimals (about a metre), as the form's map does. */
const round = (value: number) => Number(value.toFixed(5));

/**
 * Place search, for putting an activity on the map without knowing its coordinates: towns
 * and postcode districts from the data in the repository (offline), each with its territory
 * and a pin inside it. A place beyond every territory (the Isles of Scilly's district, far off
 * the generalised coast) is not offered: an activity pinned there could not be listed.
 */
export function createPlacesService(
  territories: Pick<TerritoriesService, 'pinsFor'>,
  finder: () => Promise<PlaceFinder>,
) {
  return {
    async search({ q, limit }: PlacesQuery): Promise<PlaceMatch[]> {
      const found = (await finder()).search(q, limit + SPARE);
      const pins = await territories.pinsFor(found);
      const matches: PlaceMatch[] = [];
      for (const [index, place] of found.entries()) {
        const pin = pins[index];
        if (!pin) continue;
        const lon = round(pin.lon);
        const lat = round(pin.lat);
        matches.push({
          name: place.name,
          kind: place.kind,
          near: place.near,
          lon,
          lat,
          territory: pin.territory,
          movedInland: lon !== round(place.lon) || lat !== round(place.lat),
        });
      }
      return matches.slice(0, limit);
    },
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;
