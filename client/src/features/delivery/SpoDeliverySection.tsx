import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import type { DeliveryReportView, SpoDelivery } from '@shared/schemas/delivery';
import type { SpoView } from '@shared/schemas/tenders';
import { LoadingMessage } from '../../components/LoadingMessage';
import { QueryError } from '../../components/QueryState';
import { ApiError } from '../../lib/api';

/** Refused as not a party (or not signed in): 401, 403 or 404. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404].includes(error.status);
}
import { formatDate, pluralise } from '../activities/activity-format';
import { DeliveryMilestones } from './DeliveryMilestones';
import { DeliveryReportCard } from './DeliveryReportCard';
import { DeliverySettingsForm } from './DeliverySettingsForm';
import { useSpoDelivery } from './delivery.queries';
import { ReportForm } from './ReportForm';
import './delivery.css';

/** The last change made here, with a count so that two alike are both announced. */
interface Said {
  text: string;
  count: number;
}

function Delivery({ delivery }: { delivery: SpoDelivery }) {
  const [correcting, setCorrecting] = useState<DeliveryReportView | undefined>(undefined);
  const [said, setSaid] = useState<Said | undefined>(undefined);
  const statusRef = useRef<HTMLDivElement>(null);
  const { can } = delivery;

  function say(text: string) {
    setSaid((last) => ({ text, count: (last?.count ?? 0) + 1 }));
    // The form or the buttons just used may have gone: the message is where the reader carries on.
    window.setTimeout(() => statusRef.current?.focus(), 0);
  }

  function handleSent(text: string) {
    setCorrecting(undefined);
    say(text);
  }

  return (
    <>
      <p data-testid="delivery-contract">
        The contract runs from {formatDate(delivery.contractStart)} to{' '}
        {formatDate(delivery.contractEnd)}. Each line’s contribution falls due on each contract
        anniversary; one not met is overdue after {pluralise(delivery.settings.graceDays, 'day')} of
        grace. Providers have {pluralise(delivery.settings.responseDays, 'day')} to answer a report,
        after which it reads as unverified.
      </p>
      <div
        ref={statusRef}
        className="delivery__status"
        role="status"
        tabIndex={-1}
        data-testid="delivery-status"
      >
        {said ? (
          <p key={said.count} className="success-message">
            {said.text}
          </p>
        ) : null}
      </div>
      {can.changeSettings ? (
        <DeliverySettingsForm tenderId={delivery.tender.id} settings={delivery.settings} />
      ) : null}

      <h4 id="delivery-milestones-heading">Milestones</h4>
      {delivery.lines.length === 0 ? (
        <p className="muted">No lines of this contract are yours to see.</p>
      ) : (
        delivery.lines.map((line) => <DeliveryMilestones key={line.lineId} line={line} />)
      )}

      {can.report ? (
        <ReportForm
          key={correcting?.id ?? 'new'}
          delivery={delivery}
          correcting={correcting}
          onCancelCorrection={() => setCorrecting(undefined)}
          onSent={handleSent}
        />
      ) : null}

      <h4 id="delivery-reports-heading">Reports</h4>
      {delivery.reports.length === 0 ? (
        <p className="muted" data-testid="delivery-reports-empty">
          {can.report
            ? 'Nothing reported yet. Report each contribution as it is delivered, for its provider to confirm.'
            : 'Nothing reported yet.'}
        </p>
      ) : (
        <ol className="report-list" aria-labelledby="delivery-reports-heading">
          {delivery.reports.map((report) => (
            <DeliveryReportCard
              key={report.id}
              report={report}
              canAnswer={can.answer}
              canReport={can.report}
              titleLevel="h5"
              onCorrect={setCorrecting}
              onDone={say}
            />
          ))}
        </ol>
      )}
    </>
  );
}

/**
 * The "Delivery" section of an awarded SPO, for its parties (supplier, buyer, the lines'
 * providers): the contract period, each line's milestones, the report form for the supplier,
 * the answers for the providers, the rules for the buyer, and every report ever made. Others,
 * and SPOs not awarded, see nothing of it.
 */
export function SpoDeliverySection({ spo }: { spo: SpoView | undefined }) {
  const awarded = spo?.status === 'awarded' ? spo.id : undefined;
  const delivery = useSpoDelivery(awarded);
  const { hash } = useLocation();
  const loaded = delivery.data !== undefined;
  // A link to `#delivery` (a notification's) or to one report arrives before the section has
  // loaded, so the browser cannot scroll to it: this does, once it is there.
  useEffect(() => {
    if (!loaded || !/^#(delivery|report-)/.test(hash)) return;
    document
      .getElementById(decodeURIComponent(hash.slice(1)))
      // Nearest: the page scrolls in its own frame, and the window must not move the header away.
      ?.scrollIntoView({ block: 'nearest' });
  }, [hash, loaded]);
  if (awarded === undefined) return null;
  // Not a party to the contract (or not signed in): the delivery is not theirs to see.
  if (delivery.isError && isRefusal(delivery.error)) return null;
  return (
    <section
      id="delivery"
      className="section delivery"
      aria-labelledby="delivery-heading"
      data-testid="delivery"
    >
      <h3 id="delivery-heading">Delivery</h3>
      {delivery.isPending ? (
        <LoadingMessage>Loading the contract’s delivery…</LoadingMessage>
      ) : null}
      {delivery.isError ? (
        <QueryError title="The contract’s delivery could not be loaded" query={delivery} />
      ) : null}
      {delivery.data ? <Delivery delivery={delivery.data} /> : null}
    </section>
  );
}
