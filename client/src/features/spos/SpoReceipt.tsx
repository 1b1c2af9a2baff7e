import { Link } from 'react-router-dom';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { formatDateTime } from '../../lib/date-time';
import { useReceipt } from '../../lib/receipt';

/**
 * The receipt once an SPO is sealed: its version and time, and what happens next. Shown
 * after the check step's "Seal and submit", while that submission stands.
 */
export function SpoReceipt({ spo, tender }: { spo: SpoView; tender: TenderView }) {
  const receipt = useReceipt();
  if (receipt !== 'spo-submitted' || spo.status !== 'submitted' || !spo.submittedAt) return null;
  return (
    <ConfirmationPanel
      title="Social Purchase Order submitted"
      data-testid="spo-submitted-panel"
      next={
        <>
          <p>
            {tender.buyer.name} sees it once bids close, {formatDateTime(tender.closesAt)}, and
            scores it against the other suppliers’ SPOs. It becomes public only if the contract is
            awarded to {spo.supplier.name}.
          </p>
          <p>
            Until bids close you can still change it (it then needs submitting again); until the
            award you can withdraw it. The content hash below lets anyone check later that this
            version did not change.
          </p>
          <p>
            <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>Back to the tender</Link>
          </p>
        </>
      }
    >
      <p>
        Version {spo.version}, sealed {formatDateTime(spo.submittedAt)}
      </p>
    </ConfirmationPanel>
  );
}
