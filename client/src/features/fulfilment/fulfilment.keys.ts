/**
 * React Query keys for fulfilment: figures change when a provider answers a report, so a
 * delivery mutation invalidates `all`.
 */
export const fulfilmentKeys = {
  all: ['fulfilment'] as const,
  tender: (id: string) => [...fulfilmentKeys.all, 'tender', id] as const,
  trackRecord: (organisationId: string) =>
    [...fulfilmentKeys.all, 'track-record', organisationId] as const,
  contractReport: (tenderId: string) =>
    [...fulfilmentKeys.all, 'report', 'tender', tenderId] as const,
  territoryReport: (code: string) => [...fulfilmentKeys.all, 'report', 'territory', code] as const,
};
