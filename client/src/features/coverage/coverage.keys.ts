/**
 * React Query keys for coverage; a live event invalidates `all`. The answers depend on who
 * asks (a buyer's members also get their pipeline), so signing in or out resets them.
 */
export const coverageKeys = {
  all: ['coverage'] as const,
  list: () => [...coverageKeys.all, 'list'] as const,
  detail: (code: string) => [...coverageKeys.all, 'detail', code] as const,
};
