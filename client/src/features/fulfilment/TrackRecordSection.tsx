import { QueryState } from '../../components/QueryState';
import { ContractsTable } from './ContractsTable';
import { FulfilmentTotalsTable } from './FulfilmentTotalsTable';
import { useTrackRecord } from './fulfilment.queries';
import './fulfilment.css';

/**
 * A supplier's track record on its public profile: each awarded contract (tender, buyer,
 * dates) with what it delivered against what fell due, confirmed by the providers. Bids and
 * SPOs that were not awarded never appear.
 */
export function TrackRecordSection({ organisationId }: { organisationId: string }) {
  const record = useTrackRecord(organisationId);
  return (
    <section className="section" aria-labelledby="track-record-heading" data-testid="track-record">
      <h3 id="track-record-heading">Track record</h3>
      <p className="muted">
        Awarded Social Purchase Orders and what was delivered, as the activities’ providers
        confirmed it.
      </p>
      <QueryState
        query={record}
        loading="Loading the track record…"
        errorTitle="The track record could not be loaded"
        empty={{
          when: (data) => data.contracts.length === 0,
          content: (
            <p className="muted" data-testid="track-record-empty">
              No awarded contracts yet.
            </p>
          ),
        }}
      >
        {(data) => (
          <>
            <ContractsTable
              contracts={data.contracts}
              caption={`Contracts awarded to ${data.organisation.name}, with what was delivered against what fell due to date`}
              data-testid="track-record-contracts"
            />
            <h4>All its awarded contracts together</h4>
            <FulfilmentTotalsTable totals={data.totals} of="all its awarded contracts" />
          </>
        )}
      </QueryState>
    </section>
  );
}
