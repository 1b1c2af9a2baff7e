/** What the tender list asks for: its filters and one page; each is sent only when set. */
export interface TenderListParams {
  status?: string | undefined;
  territory?: string | undefined;
  buyer?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** React Query keys for tenders; every tender mutation invalidates `all`. */
export const tenderKeys = {
  all: ['tenders'] as const,
  list: (params: TenderListParams) => [...tenderKeys.all, 'list', params] as const,
  detail: (id: string) => [...tenderKeys.all, 'detail', id] as const,
};
