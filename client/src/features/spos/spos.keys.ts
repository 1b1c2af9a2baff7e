/** React Query keys for Social Purchase Orders. */
export const spoKeys = {
  all: ['spos'] as const,
  detail: (id: string) => [...spoKeys.all, 'detail', id] as const,
  /** Every tender's list of SPOs, to invalidate them together. */
  ofTenders: () => [...spoKeys.all, 'tender'] as const,
  /** The SPOs of one tender that the viewer may see (theirs, all, or the awarded one). */
  ofTender: (tenderId: string) => [...spoKeys.ofTenders(), tenderId] as const,
};
