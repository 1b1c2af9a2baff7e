/** What the matches list asks for: a page and its filters, as the query string carries them. */
export interface MatchParams {
  page: number;
  pageSize: number;
  theme?: string | undefined;
  focusOnly?: boolean | undefined;
  withRoom: boolean;
}

/** React Query keys for matchmaking. */
export const matchingKeys = {
  all: ['matching'] as const,
  matches: (tenderId: string, params: MatchParams) =>
    [...matchingKeys.all, 'matches', tenderId, params] as const,
  reach: (tenderId: string) => [...matchingKeys.all, 'reach', tenderId] as const,
  opportunities: (activityId: string, page: number) =>
    [...matchingKeys.all, 'opportunities', activityId, page] as const,
};
