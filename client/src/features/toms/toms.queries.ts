import { useQuery } from '@tanstack/react-query';
import { FrameworkView, MeasureView } from '@shared/schemas/toms';
import { z } from 'zod';
import { getJson } from '../../lib/api';

/** The framework a measure code without one belongs to (the server reads codes so too). */
export const STARTER_FRAMEWORK = 'national-toms-starter';

/** React Query keys for the TOMs reference data. */
export const tomsKeys = {
  all: ['toms'] as const,
  measures: () => [...tomsKeys.all, 'measures'] as const,
  frameworks: () => [...tomsKeys.all, 'frameworks'] as const,
};

const FrameworkList = z.array(FrameworkView);

/** The measurement frameworks with their sources and licences; reference data. */
export function useTomsFrameworks() {
  return useQuery({
    queryKey: tomsKeys.frameworks(),
    queryFn: ({ signal }) => getJson('/api/toms/frameworks', FrameworkList, { signal }),
    staleTime: 5 * 60_000,
  });
}

const MeasureList = z.array(MeasureView);

/** Reads every TOMs measure of every framework, with its unit and proxy value. */
export function fetchMeasures(signal?: AbortSignal): Promise<MeasureView[]> {
  return getJson('/api/toms/measures', MeasureList, { signal });
}

/** The TOMs measures, for filters and forms; reference data that changes only on re-seeding. */
export function useTomsMeasures() {
  return useQuery({
    queryKey: tomsKeys.measures(),
    queryFn: ({ signal }) => fetchMeasures(signal),
    staleTime: 5 * 60_000,
  });
}
