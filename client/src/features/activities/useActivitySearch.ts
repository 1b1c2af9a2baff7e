import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { readMapView, viewKey, writeMapView, type MapView } from '../map/map-view';
import { FILTER_KEYS, readFilters, type ActivityFilterValues } from './activity-filters';

/** The list's page size: enough to scan, few enough to read. */
export const LIST_PAGE_SIZE = 20;

function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/**
 * The browse page's state, held in its URL so that a link reopens the same view: the map's
 * `lat`, `lon` and `z`, the filters, the list's `page`, and `inView=false` when the list
 * covers the whole UK. Map moves replace the history entry; choices push one, so Back
 * undoes a filter rather than a pan.
 */
export function useActivitySearch() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { pathname } = useLocation();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const view = useMemo(() => readMapView(searchParams), [searchParams]);
  const page = readPage(searchParams);
  const inView = searchParams.get('inView') !== 'false';

  const update = useCallback(
    (change: (next: URLSearchParams) => void, replace: boolean) => {
      // The map's debounced report can land after a link has started leaving this page
      // (React Router renders the next page in a transition, with this one still mounted);
      // writing the view then would replace the new page's entry and drag the person back.
      if (window.location.pathname !== pathname) return;
      // From the address bar, not this render's params: a debounced map report and a click
      // can land within one render of each other, and the later must not undo the earlier.
      const current = new URLSearchParams(window.location.search);
      const next = new URLSearchParams(current);
      change(next);
      if (next.toString() === current.toString()) return;
      void setSearchParams(next, { replace });
    },
    [pathname, setSearchParams],
  );

  /** Sets or (with undefined) clears filters; the list goes back to its first page. */
  const setFilters = useCallback(
    (changes: ActivityFilterValues) =>
      update((next) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        next.delete('page');
      }, false),
    [update],
  );

  const clearFilters = useCallback(
    () =>
      update((next) => {
        for (const key of FILTER_KEYS) next.delete(key);
        next.delete('page');
      }, false),
    [update],
  );

  const setPage = useCallback(
    (nextPage: number) =>
      update((next) => {
        if (nextPage <= 1) next.delete('page');
        else next.set('page', String(nextPage));
      }, false),
    [update],
  );

  /**
   * Records where the map looks. After a move (not the map's first report, which only
   * settles the view a link asked for), a list limited to the view starts at its first page.
   */
  const setView = useCallback(
    (nextView: MapView, { moved }: { moved: boolean }) =>
      update((next) => {
        const current = readMapView(next);
        if (current && viewKey(current) === viewKey(nextView)) return;
        writeMapView(next, nextView);
        // Page 3 of what was in view before means nothing for what is in view now.
        if (moved && next.get('inView') !== 'false') next.delete('page');
      }, true),
    [update],
  );

  const setInView = useCallback(
    (only: boolean) =>
      update((next) => {
        if (only) next.delete('inView');
        else next.set('inView', 'false');
        next.delete('page');
      }, false),
    [update],
  );

  return { filters, view, page, inView, setFilters, clearFilters, setPage, setView, setInView };
}
