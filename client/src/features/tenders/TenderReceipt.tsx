import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { formatDateTime } from '../../lib/date-time';
import { useReceipt } from '../../lib/receipt';
import { formatDate } from '../activities/activity-format';
import { useTenderSpos } from '../spos/spos.queries';

function PublishedPanel({ tender }: { tender: TenderView }) {
  return (
    <ConfirmationPanel
      title="Tender published"
      data-testid="tender-published-panel"
      next={
        <>
          <p>
            Suppliers can see it now and prepare Social Purchase Orders until bids close,{' '}
            {formatDateTime(tender.closesAt)}. It can no longer be edited, only cancelled.
          </p>
          <p>
            When bids close, the submitted SPOs appear on this page for you to evaluate, score and
            award.
          </p>
        </>
      }
    >
      <p>
        Reference {tender.reference}, Open Contracting ID <code>{tender.ocid}</code>
      </p>
    </ConfirmationPanel>
  );
}

function AwardedPanel({ tender }: { tender: TenderView }) {
  const spos = useTenderSpos(tender.id);
  const winner = spos.data?.find((spo) => spo.id === tender.awardedSpoId);
  const territories = tender.territories.map((t) => t.name).join(', ');
  return (
    <ConfirmationPanel
      title="Contract awarded"
      data-testid="tender-awarded-panel"
      next={
        <>
          <p>
            The award and the winning Social Purchase Order are now public. Every other SPO is
            marked not awarded, and its supplier sees that.
          </p>
          <p>
            The winner’s activities show it as a supporter, and its commitment counts in the
            coverage of {territories}. <Link to="/coverage">See the coverage</Link>
          </p>
        </>
      }
    >
      {winner ? (
        <p>
          To {winner.supplier.name}: {formatGbp(winner.figures.annualContributionPence)} a year of
          social value
          {winner.contractStart ? `, from ${formatDate(winner.contractStart)}` : ''}
        </p>
      ) : null}
    </ConfirmationPanel>
  );
}

/**
 * The receipt on a tender's page after its buyer published it or awarded it, while that still
 * stands (a tender cancelled since shows none).
 */
export function TenderReceipt({ tender }: { tender: TenderView }) {
  const receipt = useReceipt();
  if (
    receipt === 'tender-published' &&
    (tender.status === 'open' || tender.status === 'evaluating')
  )
    return <PublishedPanel tender={tender} />;
  if (receipt === 'tender-awarded' && tender.status === 'awarded')
    return <AwardedPanel tender={tender} />;
  return null;
}
