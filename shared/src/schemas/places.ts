import { z } from 'zod';
import { TerritoryCode } from './territories';

// Responses: PlaceMatches (GET /api/places).

/** The most places one search answers: a list people read through, not a catalogue. */
export const MAX_PLACE_MATCHES = 10;

/** `GET /api/places?q=OX4&limit=5`: a town or a postcode district, as typed. */
export const PlacesQuery = z.object({
  q: z
    .string({ error: 'Enter a town or postcode district' })
    .trim()
    .min(1, { error: 'Enter a town or postcode district', abort: true })
    .max(60, 'Place search must be 60 characters or fewer'),
  limit: z.coerce
    .number({ error: `Limit must be a whole number from 1 to ${MAX_PLACE_MATCHES}` })
    .int(`Limit must be a whole number from 1 to ${MAX_PLACE_MATCHES}`)
    .min(1, `Limit must be a whole number from 1 to ${MAX_PLACE_MATCHES}`)
    .max(MAX_PLACE_MATCHES, `Limit must be a whole number from 1 to ${MAX_PLACE_MATCHES}`)
    .default(MAX_PLACE_MATCHES),
});
export type PlacesQuery = z.infer<typeof PlacesQuery>;

/**
 * A town (GeoNames: cities, towns, villages and named parts of towns) or a postcode district
 * (the outward code, "OX4", at the centroid of its postcodes).
 */
export const PlaceKind = z.enum(['town', 'postcode_district']);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** One place a search found, where to put a pin for it, and the territory that pin is in. */
export const PlaceMatch = z.object({
  name: z.string(),
  kind: PlaceKind,
  /** For a postcode district, the nearest town: "near Oxford". Null for a town. */
  near: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  territory: z.object({ code: TerritoryCode, name: z.string() }),
  /**
   * The place itself lies just outside the territories' generalised coastline (Lowestoft,
   * Cowes): `lon`/`lat` is the nearest point inside it, so that an activity pinned there can
   * be listed.
   */
  movedInland: z.boolean(),
});
export type PlaceMatch = z.infer<typeof PlaceMatch>;

export const PlaceMatches = z.object({ items: z.array(PlaceMatch) });
export type PlaceMatches = z.infer<typeof PlaceMatches>;
