import { z } from 'zod';

// Responses: OpenDataIndex (GET /api/open-data), OcdsReleasePackage
// (GET /api/open-data/ocds/release-package.json), GrantsPackage
// (GET /api/open-data/360giving/grants.json), CoverageGeoJson
// (GET /api/open-data/coverage.geojson), CSV text (GET /api/open-data/coverage.csv);
// outside /api: OrukApiInfo (GET /openreferral/), OrukServicePage (GET /openreferral/services),
// OrukService (GET /openreferral/services/:id).
//
// The exports' full shapes are the standards' own JSON Schemas (seed/data/schemas), which the
// tests validate them against; these schemas check only the envelope each route promises.

export const DatasetFormat = z.enum(['json', 'geojson', 'csv']);

export const Licence = z.object({ name: z.string(), url: z.url() });

/** One published dataset: where it is, in what standard, under what licence and attribution. */
export const OpenDataset = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  url: z.url(),
  format: DatasetFormat,
  /** The data standard it follows, and the schema it validates against. */
  standard: z.object({ name: z.string(), version: z.string(), url: z.url() }).nullable(),
  /** How it pages, for a dataset served in pages. */
  paging: z.string().nullable(),
  licence: Licence,
  /** Attributions the data it carries requires (e.g. ONS boundaries); empty when none. */
  attribution: z.array(z.string()),
});
export type OpenDataset = z.infer<typeof OpenDataset>;

export const OpenDataIndex = z.object({
  publisher: z.object({ name: z.string(), uri: z.url() }),
  licence: Licence,
  datasets: z.array(OpenDataset),
});
export type OpenDataIndex = z.infer<typeof OpenDataIndex>;

/** Paging of the JSON exports: `?page=N` from 1. */
export const OpenDataPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const OcdsReleasePackage = z.looseObject({
  uri: z.url(),
  version: z.literal('1.1'),
  publishedDate: z.iso.datetime(),
  publisher: z.looseObject({ name: z.string() }),
  license: z.url(),
  extensions: z.array(z.url()),
  releases: z.array(z.looseObject({ ocid: z.string(), id: z.string(), date: z.string() })),
});

export const GrantsPackage = z.looseObject({
  grants: z.array(z.looseObject({ id: z.string().startsWith('360G-') })),
  license: z.url(),
});

export const CoverageGeoJson = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.looseObject({
      type: z.literal('Feature'),
      properties: z.looseObject({ code: z.string(), name: z.string() }),
    }),
  ),
});

/** Open Referral UK paging: `page` from 1, `per_page` up to 100. */
export const OrukPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
});

export const OrukService = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
});

/** The Open Referral API's list shape. */
export const OrukServicePage = z.object({
  total_items: z.number().int().min(0),
  total_pages: z.number().int().min(0),
  page_number: z.number().int().min(1),
  size: z.number().int().min(1),
  first_page: z.boolean(),
  last_page: z.boolean(),
  empty: z.boolean(),
  contents: z.array(OrukService),
});

export const OrukApiInfo = z.looseObject({
  version: z.string(),
  profile: z.url(),
  openapi_url: z.url(),
});
