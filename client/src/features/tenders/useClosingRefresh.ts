import { useEffect } from 'react';
import type { TenderView } from '@shared/schemas/tenders';
import { useNow } from '../../lib/use-now';

/**
 * Asks for the tender again once the clock passes its closing time while the page is open:
 * the server then says `evaluating`, and what depends on it (the buyer's evaluation, the
 * supplier's locked lines) follows without a reload.
 */
export function useClosingRefresh(tender: TenderView | undefined, refetch: () => unknown): void {
  const now = useNow();
  const due = tender?.status === 'open' && Date.parse(tender.closesAt) <= now;
  useEffect(() => {
    if (due) void refetch();
  }, [due, now, refetch]);
}
