import type { TenderView } from '@shared/schemas/tenders';
import { formatDateTime } from '../../lib/date-time';
import { useNow } from '../../lib/use-now';
import { hasClosed } from './TenderBadges';

/**
 * Says when a buyer can start evaluating a tender still open for bids: its sealed bids stay
 * out of sight until the closing time, so there is nothing to evaluate before then.
 */
export function EvaluationOpens({ tender }: { tender: Pick<TenderView, 'status' | 'closesAt'> }) {
  const now = useNow();
  if (tender.status !== 'open' || hasClosed(tender, now)) return null;
  return (
    <p className="notice" data-testid="evaluation-opens">
      Evaluation opens when the tender closes on {formatDateTime(tender.closesAt)}. Until then
      nobody, you included, can see the bids or how many there are.
    </p>
  );
}
