import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { TenderListQuery } from '@shared/schemas/tenders';

/** The tender list's filters as the URL and the API both write them. */
export interface TenderFilterValues {
  status?: string | undefined;
  territory?: string | undefined;
  buyer?: string | undefined;
  q?: string | undefined;
}

export const TENDER_FILTER_KEYS = ['status', 'territory', 'buyer', 'q'] as const;

/** The list's page size: enough to scan, few enough to read. */
export const TENDER_PAGE_SIZE = 20;

/** The valid filters in a URL; a stale link's bad value drops that filter, not the page. */
function readFilters(params: URLSearchParams): TenderFilterValues {
  const filters: TenderFilterValues = {};
  for (const key of TENDER_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && TenderListQuery.shape[key].safeParse(value).success) filters[key] = value;
  }
  return filters;
}

function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/**
 * The tender list's state, held in its URL so that a link reopens the same view: the
 * filters and the page. Each change pushes a history entry, so Back undoes it.
 */
export function useTenderSearch() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const page = readPage(searchParams);

  /** Sets or (with undefined) clears filters; the list goes back to its first page. */
  const setFilters = useCallback(
    (changes: TenderFilterValues) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        next.delete('page');
        return next;
      }),
    [setSearchParams],
  );

  const clearFilters = useCallback(() => setSearchParams(new URLSearchParams()), [setSearchParams]);

  const setPage = useCallback(
    (nextPage: number) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (nextPage <= 1) next.delete('page');
        else next.set('page', String(nextPage));
        return next;
      }),
    [setSearchParams],
  );

  return { filters, page, setFilters, clearFilters, setPage };
}
