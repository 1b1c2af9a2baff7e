import { z } from 'zod';
import { MultiPolygonShape, geoFeatureCollection } from '../geo';

// Responses: TerritoryCollection (GET /api/territories), TerritoryFeature
// (GET /api/territories/:code), LocateResult (GET /api/territories/locate).

export const Nations = ['England', 'Wales', 'Scotland', 'Northern Ireland'] as const;
export const Nation = z.enum(Nations);
export type Nation = z.infer<typeof Nation>;

/**
 * An ONS code of a policing territory: E23 (English police force areas), W15 (Welsh),
 * S23000009 (Scotland) and N23000001 (Northern Ireland).
 */
export const TerritoryCode = z
  .string()
  .regex(/^(E23|W15|S23|N23)\d{6}$/, 'must be an ONS policing territory code such as E23000029');
export type TerritoryCode = z.infer<typeof TerritoryCode>;

export const TerritoryProperties = z.object({
  code: TerritoryCode,
  name: z.string().min(1),
  force: z.string().min(1),
  nation: Nation,
});
export type TerritoryProperties = z.infer<typeof TerritoryProperties>;

/** One territory as the API sends it: a GeoJSON Feature with its ONS properties. */
export const TerritoryFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: TerritoryProperties,
  geometry: MultiPolygonShape,
});
export type TerritoryFeature = z.infer<typeof TerritoryFeature>;

/** The body of `GET /api/territories`. */
export const TerritoryCollection = geoFeatureCollection(TerritoryFeature);
export type TerritoryCollection = z.infer<typeof TerritoryCollection>;

/** Path of `GET /api/territories/:code`: any text; one that is no known code is a 404. */
export const TerritoryParams = z.object({ code: z.string() });

/** A decimal number written in a query string: no blanks, no hex, no `Infinity`. */
const queryNumber = (name: string, min: number, max: number) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${name} is required` : `${name} must be a number`,
    })
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i, `${name} must be a number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${name} must be between ${min} and ${max}`)
        .max(max, `${name} must be between ${min} and ${max}`),
    );

/** Query of `GET /api/territories/locate`: a WGS84 point. */
export const LocateQuery = z.object({
  lon: queryNumber('lon', -180, 180),
  lat: queryNumber('lat', -90, 90),
});
export type LocateQuery = z.infer<typeof LocateQuery>;

export const LocateResult = z.object({ code: TerritoryCode, name: z.string() });
export type LocateResult = z.infer<typeof LocateResult>;
