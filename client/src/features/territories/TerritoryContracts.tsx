import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatGbp } from '@shared/money';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { formatHours } from '../coverage/coverage-figures';
import { useCoverage } from '../coverage/coverage.queries';
import './territory-contracts.css';

/**
 * What awarded contracts commit to a territory's activities a year, and beside it what
 * their providers confirmed delivered so far, from the public coverage figures.
 */
export function TerritoryContracts({ code }: { code: string }) {
  const headingId = useId();
  const coverage = useCoverage();
  const row = coverage.data?.find((r) => r.code === code);

  let body;
  if (coverage.isPending) {
    body = <LoadingMessage>Loading the contracts’ figures…</LoadingMessage>;
  } else if (!coverage.data) {
    body = <QueryError title="The contracts’ figures could not be loaded" query={coverage} />;
  } else if (!row) {
    body = <p className="muted">No figures for this territory.</p>;
  } else {
    body = (
      <>
        <dl className="details" data-testid="territory-contracts">
          <dt>Committed £ a year</dt>
          <dd data-testid="territory-committed">{formatGbp(row.committedPence)}</dd>
          <dt>Confirmed delivered to date (cash and in kind)</dt>
          <dd data-testid="territory-delivered">{formatGbp(row.deliveredPence)}</dd>
          <dt>Confirmed volunteer hours to date</dt>
          <dd data-testid="territory-delivered-hours">{formatHours(row.deliveredHours)}</dd>
        </dl>
        <p className="form__note">
          From awarded Social Purchase Orders. Delivered counts only what the activities’ providers
          confirmed receiving.{' '}
          <Link to={`/coverage/${encodeURIComponent(code)}`}>See the coverage in full</Link>
        </p>
      </>
    );
  }

  return (
    <section className="territory-contracts" aria-labelledby={headingId}>
      <h3 id={headingId}>Contracts here</h3>
      {body}
    </section>
  );
}
