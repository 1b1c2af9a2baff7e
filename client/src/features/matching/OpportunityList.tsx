import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatGbp } from '@shared/money';
import { pageCount, Pager, usePageTurns } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { formatInstantDate } from '../../lib/date-time';
import { formatCount, pluralise } from '../activities/activity-format';
import { useOpportunities } from './matching.queries';
import { formatScore, ScoreFactors } from './ScoreFactors';
import './matching.css';

const PAGE_SIZE = 5;

/**
 * "Open tenders this could support": for an activity's provider, the open tenders whose
 * territories, focus areas and priorities fit it, best first, each with why it scores as
 * it does and a link to the tender.
 */
export function OpportunityList({ activityId }: { activityId: string }) {
  const [page, setPage] = useState(1);
  const opportunities = useOpportunities(activityId, page, PAGE_SIZE);
  const { headingRef, goTo } = usePageTurns(page, setPage);
  const headingId = useId();
  const data = opportunities.data;
  const totalPages = data ? pageCount(data) : 1;

  return (
    <section
      className="section opportunities"
      aria-labelledby={headingId}
      data-testid="opportunities"
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Open tenders this could support
      </h2>
      <p className="muted">
        Suppliers bidding for these contracts are shown this activity among their matches.
      </p>
      <QueryState
        query={opportunities}
        loading="Looking for open tenders…"
        errorTitle="The open tenders could not be loaded"
        empty={{
          when: ({ items }) => items.length === 0,
          content: (
            <p className="muted">No open tender covers this activity’s area or priorities now.</p>
          ),
        }}
      >
        {({ items }) => (
          <ol
            className={`opportunities__items${opportunities.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
            aria-busy={opportunities.isPlaceholderData || undefined}
          >
            {items.map(({ tender, score, factors }) => (
              <li key={tender.id} className="match-card" data-testid="opportunity">
                <div className="match-card__body">
                  <h3 className="match-card__title">
                    <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>{tender.title}</Link>
                  </h3>
                  <p className="activity-card__meta">
                    {tender.buyer.name}; closes {formatInstantDate(tender.closesAt)}
                  </p>
                  <p className="match-card__facts">
                    <span className="match-card__score">Score {formatScore(score)}</span>
                    <span>
                      {formatGbp(tender.annualValuePence)} a year; baseline{' '}
                      {formatGbp(tender.baselineAnnualPence)} of social value a year
                    </span>
                  </p>
                  <ScoreFactors factors={factors} />
                </div>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      {data && data.total > PAGE_SIZE ? (
        <Pager
          label="Pages of open tenders"
          page={page}
          totalPages={totalPages}
          onGoTo={goTo}
          small
        >
          Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
          {pluralise(data.total, 'open tender')}
        </Pager>
      ) : null}
    </section>
  );
}
