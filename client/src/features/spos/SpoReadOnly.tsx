import { Link } from 'react-router-dom';
import type { MeView } from '@shared/schemas/accounts';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { formatDate } from '../activities/activity-format';
import { isMemberOf } from '../auth/memberships';
import { liveFigures } from './spo-figures';
import { SpoFiguresPanel } from './SpoFiguresPanel';
import { SpoLinesTable } from './SpoLinesTable';
import { SpoHeader, SubmissionInfo, TenderKeyFigures } from './SpoSummary';

interface SpoReadOnlyProps {
  spo: SpoView;
  tender: TenderView;
  me: MeView | null | undefined;
}

/**
 * An SPO as others see it (the buyer, the providers asked, or the public once awarded):
 * the same figures and lines, with nothing to change. Providers with a line awaiting their
 * answer are pointed to their inbox.
 */
export function SpoReadOnly({ spo, tender, me }: SpoReadOnlyProps) {
  const awaitingMe = spo.lines.some(
    (line) => line.status === 'pending' && isMemberOf(me, line.activity.providerId),
  );
  return (
    <div className="spo-view" data-testid="spo-view">
      <SpoHeader spo={spo} tender={tender} />
      {awaitingMe ? (
        <p className="notice notice--warning">
          A line here awaits your organisation’s answer:{' '}
          <Link to="/link-requests">answer it in your link requests</Link>.
        </p>
      ) : null}
      {!spo.credible ? (
        <p className="notice notice--warning" data-testid="spo-not-credible">
          <strong>Marked not credible by the buyer.</strong>{' '}
          {spo.credibilityReason ? `Reason: ${spo.credibilityReason}` : null}
        </p>
      ) : null}
      {spo.awardedAt ? (
        <p className="success-message">
          Awarded the contract
          {spo.contractStart ? `, from ${formatDate(spo.contractStart)}` : ''}
          {spo.contractEnd ? ` to ${formatDate(spo.contractEnd)}` : ''}.
        </p>
      ) : null}
      <SubmissionInfo spo={spo} />
      <TenderKeyFigures tender={tender} />
      <div className="spo-builder__layout">
        <section className="section spo-builder__main" aria-labelledby="spo-view-lines-heading">
          <h3 id="spo-view-lines-heading">Lines</h3>
          <SpoLinesTable lines={spo.lines} />
        </section>
        <aside className="spo-builder__aside">
          <SpoFiguresPanel
            figures={liveFigures(tender, spo.figures)}
            durationYears={tender.durationYears}
          />
        </aside>
      </div>
    </div>
  );
}
