import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { page, type Page } from '@shared/schemas/accounts';
import {
  ActivityMap,
  ActivitySummary,
  ActivitySupporters,
  ActivityView,
  mapZoomFor,
  type ActivityCreate,
  type ActivityUpdate,
} from '@shared/schemas/activities';
import { getJson, sendJson } from '../../lib/api';
import { toQueryString, type ActivityFilterValues } from './activity-filters';

/** What the map asks for: the filters, the box in view (`bboxParam`) and a whole zoom level. */
export interface ActivityMapParams {
  filters: ActivityFilterValues;
  bbox: string;
  zoom: number;
}

/** What the list asks for: the filters, one page, and the box in view when limited to it. */
export interface ActivityListParams {
  filters: ActivityFilterValues;
  bbox?: string | undefined;
  page: number;
  pageSize: number;
}

/** React Query keys for activities; every mutation invalidates `all`. */
export const activityKeys = {
  all: ['activities'] as const,
  map: (params: ActivityMapParams) => [...activityKeys.all, 'map', params] as const,
  list: (params: ActivityListParams) => [...activityKeys.all, 'list', params] as const,
  detail: (id: string) => [...activityKeys.all, 'detail', id] as const,
  supporters: (id: string) => [...activityKeys.all, 'supporters', id] as const,
};

const ActivityPage = page(ActivitySummary);

const activityPath = (id: string) => `/api/activities/${encodeURIComponent(id)}`;

/**
 * Reads the clusters and single activities inside a box, for the map. A box too big for
 * its zoom (a screen wider than the API's limit, or a zoom of 10.5 rounded up to 11) is
 * asked for a level lower, which the API answers rather than refuses.
 */
export function fetchActivityMap(
  { filters, bbox, zoom }: ActivityMapParams,
  signal?: AbortSignal,
): Promise<ActivityMap> {
  const box = bbox.split(',').map(Number);
  const fitted =
    box.length === 4 && box.every(Number.isFinite)
      ? mapZoomFor(box as [number, number, number, number], zoom)
      : zoom;
  const query = toQueryString(filters, { bbox, zoom: fitted });
  return getJson(`/api/activities/map?${query}`, ActivityMap, { signal });
}

/** Reads one page of activities matching the filters. */
export function fetchActivities(
  { filters, bbox, page, pageSize }: ActivityListParams,
  signal?: AbortSignal,
): Promise<Page<ActivitySummary>> {
  const query = toQueryString(filters, { bbox, page, pageSize });
  return getJson(`/api/activities?${query}`, ActivityPage, { signal });
}

/**
 * The map's clusters and activities; nothing is asked until the map has a size (`params`
 * undefined). The last answer stays on screen while the next loads, so markers do not
 * blink out on every pan.
 */
export function useActivityMap(params: ActivityMapParams | undefined) {
  return useQuery({
    queryKey: params ? activityKeys.map(params) : [...activityKeys.all, 'map', 'idle'],
    queryFn: params ? ({ signal }) => fetchActivityMap(params, signal) : skipToken,
    placeholderData: keepPreviousData,
    // Others list activities all the time; a minute-old map is still worth showing at once.
    staleTime: 30_000,
  });
}

/** One page of the list; `params` undefined waits (for the map's box, when limited to it). */
export function useActivities(params: ActivityListParams | undefined) {
  return useQuery({
    queryKey: params ? activityKeys.list(params) : [...activityKeys.all, 'list', 'idle'],
    queryFn: params ? ({ signal }) => fetchActivities(params, signal) : skipToken,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One activity, whole, for its page and its edit form; `id` undefined waits. */
export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: id === undefined ? [...activityKeys.all, 'detail', 'idle'] : activityKeys.detail(id),
    queryFn:
      id === undefined
        ? skipToken
        : ({ signal }) => getJson(activityPath(id), ActivityView, { signal }),
  });
}

/** The suppliers whose awarded SPOs support an activity; public. */
export function useActivitySupporters(id: string) {
  return useQuery({
    queryKey: activityKeys.supporters(id),
    queryFn: async ({ signal }) =>
      (await getJson(`${activityPath(id)}/supporters`, ActivitySupporters, { signal })).items,
  });
}

/** What creating sends: the parsed activity and the key that makes a retry safe. */
export interface CreateActivityInput {
  activity: ActivityCreate;
  idempotencyKey: string;
}

/**
 * Lists a new activity for a provider the person belongs to. The `Idempotency-Key` makes a
 * retry after a lost answer return the first activity rather than list it twice.
 */
export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ activity, idempotencyKey }: CreateActivityInput) =>
      sendJson('POST', '/api/activities', activity, ActivityView, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (activity) => {
      queryClient.setQueryData(activityKeys.detail(activity.id), activity);
      // Maps, lists and counts may all include it now (or no longer).
      return queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
}

/**
 * Changes an activity: any fields, or its status alone (pause, resume, close). Closing is
 * final; the server refuses any change to a closed activity (`activity_closed`).
 */
export function useUpdateActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ActivityUpdate) =>
      sendJson('PATCH', activityPath(id), changes, ActivityView),
    onSuccess: (activity) => {
      queryClient.setQueryData(activityKeys.detail(activity.id), activity);
      // Maps, lists and counts may all include it now (or no longer).
      return queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
}
