import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { SpoStatuses, type MySpoPage, type MySpoSummary } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { useNow } from '../../lib/use-now';
import { pluralise } from '../activities/activity-format';
import type { Membership } from '../auth/memberships';
import { SPO_STATUS_LABELS } from '../spos/spo-labels';
import { ClosingTime, hasClosed } from '../tenders/TenderBadges';
import { HomeList } from './HomeList';
import { NextStep } from './NextStep';
import { useMySpos, useOpenTendersIn } from './home.queries';

const spoPath = (spo: MySpoSummary) => `/spos/${encodeURIComponent(spo.id)}`;

/** Where one SPO stands and what it needs, in a sentence. */
function describeSpo(spo: MySpoSummary, now: number): string {
  const open = !hasClosed(spo.tender, now) && spo.tender.status === 'open';
  const { total, pending, declined } = spo.lines;
  switch (spo.status) {
    case 'awarded':
      return 'Awarded: the contract is yours, and your commitments are public.';
    case 'not_awarded':
      return 'Not awarded: the buyer chose another bid.';
    case 'withdrawn':
      return 'Withdrawn: the buyer will not see it.';
    case 'submitted':
      return open
        ? `Sealed and submitted (version ${spo.sealedVersion}). You can still change it and submit again before the closing time.`
        : 'Sealed and submitted: the buyer is evaluating the bids.';
    case 'draft':
      if (!open)
        return spo.sealedVersion > 0
          ? `The tender closed: the buyer evaluates the version you submitted (version ${spo.sealedVersion}), not the later changes.`
          : 'The tender closed before this SPO was submitted.';
      if (total === 0) return 'No lines yet: add commitments to community activities.';
      if (declined > 0)
        return `${pluralise(declined, 'line')} declined by providers: remove or replace ${declined === 1 ? 'it' : 'them'}.`;
      if (pending > 0)
        return `${pluralise(pending, 'line')} waiting for providers to accept; ${total - pending} of ${total} accepted.`;
      return `All ${pluralise(total, 'line')} accepted: ready to check and submit.`;
  }
}

/** How many SPOs in each status, as a line of counts (the empty ones left out). */
function StatusCounts({ byStatus }: { byStatus: MySpoPage['byStatus'] }) {
  const shown = SpoStatuses.filter((status) => byStatus[status] > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="home-counts" aria-label="Your SPOs by status" data-testid="home-spo-counts">
      {shown.map((status) => (
        <li key={status} data-status={status}>
          <strong>{byStatus[status]}</strong> {SPO_STATUS_LABELS[status].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

/** The supplier's most pressing next step, from the first page of its SPOs (open ones first). */
function SupplierNextStep({ spos, now }: { spos: MySpoPage; now: number }) {
  const live = spos.items.filter(
    (s) => s.status === 'draft' && s.tender.status === 'open' && !hasClosed(s.tender, now),
  );
  const ready = live.find((s) => s.lines.total > 0 && s.lines.accepted === s.lines.total);
  if (ready) {
    return (
      <NextStep
        action={{ to: spoPath(ready), label: 'Check and submit' }}
        data-testid="home-supplier-next"
      >
        Every line of your SPO for {ready.tender.title} is accepted: check it and submit it before
        the tender closes.
      </NextStep>
    );
  }
  const started = live[0];
  if (started) {
    return (
      <NextStep
        action={{ to: spoPath(started), label: 'Open your SPO' }}
        data-testid="home-supplier-next"
      >
        Finish your SPO for {started.tender.title}: every line needs its provider’s acceptance
        before you can submit it.
      </NextStep>
    );
  }
  return (
    <NextStep
      action={{ to: '/tenders?status=open', label: 'Find an open tender' }}
      data-testid="home-supplier-next"
    >
      Choose an open tender below and prepare a Social Purchase Order: commitments to community
      activities in its territories, confirmed by their providers and sealed with your bid.
    </NextStep>
  );
}

/** One page of the person's SPOs, open tenders first, the soonest deadline first. */
function MySpos({
  spos,
  page,
  onPageChange,
}: {
  spos: ReturnType<typeof useMySpos>;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const id = useId();
  const now = useNow();
  return (
    <HomeList
      heading="Your Social Purchase Orders"
      id={id}
      query={spos}
      page={page}
      onPageChange={onPageChange}
      noun={['SPO', 'SPOs']}
      loading="Loading your SPOs…"
      errorTitle="Your SPOs could not be loaded"
      data-testid="home-spos"
      empty={
        <p>
          You have no SPOs yet. An SPO is what you commit to community activities with a bid: open a
          tender below and choose “Prepare an SPO”.
        </p>
      }
    >
      {(spo) => (
        <li key={spo.id} className="home-item" data-testid="home-spo" data-status={spo.status}>
          <Link to={spoPath(spo)}>SPO for {spo.tender.title}</Link>{' '}
          <span className={`badge spo-status spo-status--${spo.status}`}>
            {SPO_STATUS_LABELS[spo.status]}
          </span>
          <span className="home-item__meta">
            {spo.supplier.name} · {spo.tender.buyer.name} · <ClosingTime tender={spo.tender} />
          </span>
          <span className="home-item__note">{describeSpo(spo, now)}</span>
        </li>
      )}
    </HomeList>
  );
}

/** Tenders open for bids in the suppliers' territories, a page at a time. */
function OpenTenders({ suppliers }: { suppliers: Membership[] }) {
  const [page, setPage] = useState(1);
  const codes = [...new Set(suppliers.flatMap((s) => s.territories))].sort();
  const tenders = useOpenTendersIn(codes, page);
  const id = useId();
  if (codes.length === 0) {
    return (
      <div className="home-list">
        <h4 id={id}>Open tenders in your territories</h4>
        <p className="home-empty">
          {suppliers[0]!.name} has not said where it works, so no tender can be picked for it. Add
          its territories on its{' '}
          <Link to={`/organisations/${encodeURIComponent(suppliers[0]!.id)}`}>profile</Link>, or{' '}
          <Link to="/tenders?status=open">browse every open tender</Link>.
        </p>
      </div>
    );
  }
  return (
    <HomeList
      heading="Open tenders in your territories"
      id={id}
      query={tenders}
      page={page}
      onPageChange={setPage}
      noun={['open tender', 'open tenders']}
      loading="Loading open tenders…"
      errorTitle="The open tenders could not be loaded"
      data-testid="home-open-tenders"
      empty={
        <p>
          No tender is open for bids in your territories right now. New tenders appear here as
          buyers publish them; meanwhile you can{' '}
          <Link to="/tenders?status=open">browse every open tender</Link>.
        </p>
      }
    >
      {(tender) => (
        <li key={tender.id} className="home-item" data-testid="home-open-tender">
          <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>{tender.title}</Link>
          <span className="home-item__meta">
            {tender.buyer.name} · {formatGbp(tender.annualValuePence)} a year ·{' '}
            {tender.territories.map((t) => t.name).join(', ')}
          </span>
          <span className="home-item__note">
            <ClosingTime tender={tender} />
          </span>
        </li>
      )}
    </HomeList>
  );
}

/** The supplier part of a person's home page: their SPOs by status, and tenders to bid on. */
export function SupplierHome({ suppliers }: { suppliers: Membership[] }) {
  const [page, setPage] = useState(1);
  const spos = useMySpos(undefined, page);
  const now = useNow();
  const headingId = useId();
  return (
    <section className="home-section" aria-labelledby={headingId} data-testid="home-supplier">
      <h3 id={headingId}>Your bids</h3>
      <p className="home-section__intro">
        As a supplier for {suppliers.map((s) => s.name).join(' and ')}, you commit social value to
        community activities with each bid, through a Social Purchase Order (SPO) that their
        providers confirm.
      </p>
      {spos.data ? <SupplierNextStep spos={spos.data} now={now} /> : null}
      {spos.data ? <StatusCounts byStatus={spos.data.byStatus} /> : null}
      <MySpos spos={spos} page={page} onPageChange={setPage} />
      <OpenTenders suppliers={suppliers} />
    </section>
  );
}
