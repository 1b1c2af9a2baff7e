import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { TenderStatuses, type MyTenderPage, type MyTenderSummary } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/date-time';
import { formatCount, pluralise } from '../activities/activity-format';
import type { Membership } from '../auth/memberships';
import { formatShare } from '../coverage/coverage-figures';
import { useCoverage } from '../coverage/coverage.queries';
import { EvaluationOpens } from '../tenders/EvaluationOpens';
import { ClosingTime, TenderStatusBadge } from '../tenders/TenderBadges';
import { TENDER_STATUS_LABELS } from '../tenders/tender-labels';
import { HomeList } from './HomeList';
import { NextStep } from './NextStep';
import { useMyTenders } from './home.queries';

const tenderPath = (tender: { id: string }) => `/tenders/${encodeURIComponent(tender.id)}`;

/** How many tenders in each status; with one buyer, each count opens the list filtered so. */
function StatusCounts({
  byStatus,
  buyers,
}: {
  byStatus: MyTenderPage['byStatus'];
  buyers: Membership[];
}) {
  const shown = TenderStatuses.filter((status) => byStatus[status] > 0);
  if (shown.length === 0) return null;
  const only = buyers.length === 1 ? buyers[0] : undefined;
  return (
    <ul
      className="home-counts"
      aria-label="Your tenders by status"
      data-testid="home-tender-counts"
    >
      {shown.map((status) => {
        const label = (
          <>
            <strong>{byStatus[status]}</strong> {TENDER_STATUS_LABELS[status].toLowerCase()}
          </>
        );
        return (
          <li key={status} data-status={status}>
            {only ? (
              <Link
                to={`/tenders?buyer=${encodeURIComponent(only.id)}&status=${status}`}
                aria-label={`${byStatus[status]} ${TENDER_STATUS_LABELS[status].toLowerCase()}: list them`}
              >
                {label}
              </Link>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** What the buyer should do next: evaluate what has closed, else publish, else wait or create. */
function BuyerNextStep({
  toEvaluate,
  all,
}: {
  toEvaluate: MyTenderSummary | undefined;
  all: MyTenderPage;
}) {
  if (toEvaluate) {
    return (
      <NextStep
        action={{ to: tenderPath(toEvaluate), label: 'Evaluate the bids' }}
        data-testid="home-buyer-next"
      >
        {toEvaluate.title} has closed with {pluralise(toEvaluate.sealedBids ?? 0, 'sealed bid')}:
        compare their social value, mark any that are not credible, and award the contract.
      </NextStep>
    );
  }
  const draft = all.items.find((t) => t.status === 'draft');
  if (draft) {
    return (
      <NextStep
        action={{ to: tenderPath(draft), label: 'Open the draft' }}
        data-testid="home-buyer-next"
      >
        {draft.title} is a draft: check it and publish it, so that suppliers can bid.
      </NextStep>
    );
  }
  const open = all.items.find((t) => t.status === 'open');
  if (open) {
    return (
      <NextStep
        action={{ to: tenderPath(open), label: 'Open the tender' }}
        data-testid="home-buyer-next"
      >
        Bids for {open.title} are sealed until it closes on {formatDateTime(open.closesAt)};
        evaluation opens then.
      </NextStep>
    );
  }
  return (
    <NextStep
      action={{ to: '/tenders/new', label: 'Create a tender' }}
      data-testid="home-buyer-next"
    >
      Create a tender with a One in a Million baseline, so that bidders commit social value to
      community activities in your territories.
    </NextStep>
  );
}

/** Closed tenders with sealed bids waiting for the buyer's evaluation. */
function AwaitingEvaluation() {
  const [page, setPage] = useState(1);
  const closed = useMyTenders('evaluating', page);
  const id = useId();
  return (
    <HomeList
      heading="Waiting for your evaluation"
      id={id}
      query={closed}
      page={page}
      onPageChange={setPage}
      noun={['closed tender', 'closed tenders']}
      loading="Loading closed tenders…"
      errorTitle="The closed tenders could not be loaded"
      data-testid="home-to-evaluate"
      empty={
        <p>
          No tender is waiting for evaluation. When one of your tenders closes, its sealed bids
          appear here, ready to score and award.
        </p>
      }
    >
      {(tender) => (
        <li key={tender.id} className="home-item" data-testid="home-evaluation-item">
          <Link to={tenderPath(tender)}>{tender.title}</Link>{' '}
          <span className="home-item__meta">
            <ClosingTime tender={tender} />
          </span>
          <span className="home-item__note">
            {tender.sealedBids
              ? `${pluralise(tender.sealedBids, 'sealed bid')} to evaluate.`
              : 'No supplier submitted a bid before closing: there is nothing to award; you may cancel it.'}
          </span>
        </li>
      )}
    </HomeList>
  );
}

/** Every tender of the person's buyers, a page at a time. */
function MyTenders({
  tenders,
  page,
  onPageChange,
}: {
  tenders: ReturnType<typeof useMyTenders>;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const id = useId();
  return (
    <HomeList
      heading="Your tenders"
      id={id}
      query={tenders}
      page={page}
      onPageChange={onPageChange}
      noun={['tender', 'tenders']}
      loading="Loading your tenders…"
      errorTitle="Your tenders could not be loaded"
      data-testid="home-tenders"
      empty={
        <p>
          You have no tenders yet. A tender asks bidders for social value as well as a price: create
          one, set its baseline, and publish it when it is ready.
        </p>
      }
    >
      {(tender) => (
        <li
          key={tender.id}
          className="home-item"
          data-testid="home-tender"
          data-status={tender.status}
        >
          <Link to={tenderPath(tender)}>{tender.title}</Link>{' '}
          <TenderStatusBadge status={tender.status} />
          <span className="home-item__meta">
            {tender.reference} · {formatGbp(tender.annualValuePence)} a year ·{' '}
            <ClosingTime tender={tender} />
          </span>
          <EvaluationOpens tender={tender} />
        </li>
      )}
    </HomeList>
  );
}

/** The coverage figures of the buyers' territories, from the public coverage API. */
function TerritoryCoverage({ buyers }: { buyers: Membership[] }) {
  const coverage = useCoverage();
  const id = useId();
  const codes = new Set(buyers.flatMap((b) => b.territories));
  return (
    <div className="home-list" data-testid="home-coverage">
      <h4 id={id}>Coverage of your territories</h4>
      {codes.size === 0 ? (
        <p className="home-empty">
          {buyers[0]!.name} has not said which territories it buys for. Add them on its{' '}
          <Link to={`/organisations/${encodeURIComponent(buyers[0]!.id)}`}>profile</Link> to see
          their figures here, or <Link to="/coverage">explore coverage across the UK</Link>.
        </p>
      ) : (
        <QueryState
          query={coverage}
          loading="Loading coverage…"
          errorTitle="Coverage could not be loaded"
        >
          {(rows) => (
            <div className="home-table">
              <table className="table">
                <caption className="visually-hidden">Coverage of your territories</caption>
                <thead>
                  <tr>
                    <th scope="col">Territory</th>
                    <th scope="col" className="table__number">
                      Activities
                    </th>
                    <th scope="col" className="table__number">
                      Supported
                    </th>
                    <th scope="col" className="table__number">
                      Committed a year
                    </th>
                    <th scope="col" className="table__number">
                      Sealed bids not yet awarded
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows
                    .filter((row) => codes.has(row.code))
                    .map((row) => (
                      <tr key={row.code} data-testid="home-coverage-row" data-code={row.code}>
                        <th scope="row">
                          <Link to={`/coverage/${encodeURIComponent(row.code)}`}>{row.name}</Link>
                        </th>
                        <td className="table__number">{formatCount(row.activitiesListed)}</td>
                        <td className="table__number">
                          {formatCount(row.activitiesSupported)} ({formatShare(row.shareSupported)})
                        </td>
                        <td className="table__number" data-testid="home-coverage-committed">
                          {formatGbp(row.committedPence)}
                        </td>
                        <td className="table__number">
                          {row.pipelinePence === null ? '–' : formatGbp(row.pipelinePence)}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      )}
    </div>
  );
}

/** The buyer part of a person's home page: tenders by status, what to evaluate, coverage. */
export function BuyerHome({ buyers }: { buyers: Membership[] }) {
  const [page, setPage] = useState(1);
  const tenders = useMyTenders(undefined, page);
  const closed = useMyTenders('evaluating', 1);
  const headingId = useId();
  const toEvaluate = closed.data?.items.find((t) => (t.sealedBids ?? 0) > 0);
  return (
    <section className="home-section" aria-labelledby={headingId} data-testid="home-buyer">
      <h3 id={headingId}>Your procurement</h3>
      <p className="home-section__intro">
        As a buyer for {buyers.map((b) => b.name).join(' and ')}, you publish tenders that ask for
        social value, evaluate the sealed bids once they close, and watch what awarded contracts
        commit spread across your territories.
      </p>
      {tenders.data && closed.data ? (
        <BuyerNextStep toEvaluate={toEvaluate} all={tenders.data} />
      ) : null}
      {tenders.data ? <StatusCounts byStatus={tenders.data.byStatus} buyers={buyers} /> : null}
      <AwaitingEvaluation />
      <MyTenders tenders={tenders} page={page} onPageChange={setPage} />
      <TerritoryCoverage buyers={buyers} />
    </section>
  );
}
