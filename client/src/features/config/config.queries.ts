import { useQuery } from '@tanstack/react-query';
import { ClientConfig } from '@shared/schemas/client-config';
import { getJson } from '../../lib/api';

export const configKeys = {
  all: ['config'] as const,
};

/** Reads the deployment's settings for the browser: tile server and attributions. */
export function fetchClientConfig(signal?: AbortSignal): Promise<ClientConfig> {
  return getJson('/api/config', ClientConfig, { signal });
}

/** The deployment's settings; they only change when the server restarts, so they never go stale. */
export function useClientConfig() {
  return useQuery({
    queryKey: configKeys.all,
    queryFn: ({ signal }) => fetchClientConfig(signal),
    staleTime: Infinity,
  });
}
