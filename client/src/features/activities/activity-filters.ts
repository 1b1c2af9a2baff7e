import { ActivityFilters } from '@shared/schemas/activities';

/** The filters shared by the map, the list and the URL, in the order the filter bar shows them. */
export const FILTER_KEYS = [
  'q',
  'territory',
  'theme',
  'category',
  'group',
  'measure',
  'need',
  'atRisk',
  'near',
  'km',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The filters as both the URL and the API write them: strings, each present only when set.
 * Kept as strings so that a query key, a link and a request all say the same thing.
 */
export type ActivityFilterValues = Partial<Record<FilterKey, string>>;

/** Distances offered for "within N km of the map centre". */
export const NEAR_KM_CHOICES = [5, 10, 25, 50, 100] as const;

/**
 * The valid filters in a URL's query. A hand-edited or stale link with a bad value loses
 * that filter rather than turning every request into a 400 the page cannot recover from.
 */
export function readFilters(params: URLSearchParams): ActivityFilterValues {
  const filters: ActivityFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (ActivityFilters.shape[key].safeParse(value).success) filters[key] = value;
  }
  // The API refuses half of the pair; a link carrying only one is treated as carrying neither.
  if ((filters.near === undefined) !== (filters.km === undefined)) {
    delete filters.near;
    delete filters.km;
  }
  // `atRisk=false` would filter nothing; leaving it out keeps query keys and links canonical.
  if (filters.atRisk !== 'true') delete filters.atRisk;
  return filters;
}

/** Whether any filter is set, for offering "Clear filters". */
export function hasFilters(filters: ActivityFilterValues): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** A query string (without `?`) of the filters followed by any extra parameters that are set. */
export function toQueryString(
  filters: ActivityFilterValues,
  extra: Record<string, string | number | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) query.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) query.set(key, String(value));
  }
  // Commas in bbox and near read better unescaped, and servers accept them either way.
  return query.toString().replace(/%2C/g, ',');
}
