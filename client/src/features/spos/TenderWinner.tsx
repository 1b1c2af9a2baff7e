import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { VerifiedBadge } from '../activities/ActivityBadges';
import { formatDate } from '../activities/activity-format';
import { BandBadge } from '../tenders/TenderBadges';
import { useTenderSpos } from './spos.queries';

/** The awarded Social Purchase Order of a tender, shown to everyone once awarded. */
export function TenderWinner({ tender }: { tender: TenderView }) {
  const spos = useTenderSpos(tender.id);

  let body;
  if (spos.isPending) {
    body = <LoadingMessage>Loading the winning Social Purchase Order…</LoadingMessage>;
  } else if (spos.isError) {
    body = (
      <QueryError title="The winning Social Purchase Order could not be loaded" query={spos} />
    );
  } else {
    const winner = spos.data.find((spo) => spo.id === tender.awardedSpoId);
    body = winner ? (
      <>
        <p className="tender-winner__name">
          <strong>{winner.supplier.name}</strong>{' '}
          {winner.supplier.verified ? <VerifiedBadge /> : null}
        </p>
        <dl className="details">
          <dt>Commitment</dt>
          <dd>
            {formatGbp(winner.figures.annualContributionPence)} a year (
            {formatGbp(winner.figures.ratePencePerMillion)} per £1m)
          </dd>
          <dt>Band</dt>
          <dd>
            <BandBadge band={winner.figures.band} />
          </dd>
          <dt>TOMs value</dt>
          <dd>{formatGbp(winner.figures.annualProxyPence)} a year</dd>
          {winner.contractStart ? (
            <>
              <dt>Contract</dt>
              <dd>
                {formatDate(winner.contractStart)}
                {winner.contractEnd ? ` to ${formatDate(winner.contractEnd)}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <p>
          <Link to={`/spos/${encodeURIComponent(winner.id)}`}>
            See the winning Social Purchase Order
          </Link>
        </p>
      </>
    ) : (
      <p className="muted">The winning Social Purchase Order is not public yet.</p>
    );
  }

  return (
    <section
      className="section"
      aria-labelledby="tender-winner-heading"
      data-testid="tender-winner"
    >
      <h3 id="tender-winner-heading">Awarded</h3>
      {body}
    </section>
  );
}
