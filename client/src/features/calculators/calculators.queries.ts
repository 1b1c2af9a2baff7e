import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import {
  OneInAMillionAnswer,
  TomsCalculationAnswer,
  type OneInAMillionQuery,
  type TomsCalculation,
} from '@shared/schemas/tenders';
import type { z } from 'zod';
import { getJson, sendJson } from '../../lib/api';

/** What the One in a Million calculator asks: amounts in pounds as typed, years, a start date. */
export type OneInAMillionParams = z.input<typeof OneInAMillionQuery>;

/** React Query keys for the public calculators. */
export const calculatorKeys = {
  all: ['calculators'] as const,
  oneInAMillion: (params: OneInAMillionParams) =>
    [...calculatorKeys.all, 'one-in-a-million', params] as const,
};

/** Asks the server what a One in a Million commitment comes to, with its payment schedule. */
export function fetchOneInAMillion(
  params: OneInAMillionParams,
  signal?: AbortSignal,
): Promise<OneInAMillionAnswer> {
  const query = new URLSearchParams({
    annualContractValue: params.annualContractValue,
    ratePerMillion: params.ratePerMillion,
    years: params.years,
  });
  if (params.startDate) query.set('startDate', params.startDate);
  return getJson(`/api/calculators/one-in-a-million?${query}`, OneInAMillionAnswer, { signal });
}

/** The answer for the values last submitted; `params` undefined asks nothing yet. */
export function useOneInAMillion(params: OneInAMillionParams | undefined) {
  return useQuery({
    queryKey: params
      ? calculatorKeys.oneInAMillion(params)
      : [...calculatorKeys.all, 'one-in-a-million', 'idle'],
    queryFn: params ? ({ signal }) => fetchOneInAMillion(params, signal) : skipToken,
    // The same figures always give the same answer.
    staleTime: Infinity,
  });
}

/**
 * Values pledged TOMs lines at their proxies; an unknown code comes back as an error on its
 * own line, not as a failed request.
 */
export function useTomsCalculation() {
  return useMutation({
    mutationFn: (body: z.output<typeof TomsCalculation>) =>
      sendJson('POST', '/api/calculators/toms', body, TomsCalculationAnswer),
  });
}
