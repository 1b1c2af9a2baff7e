import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { QueryState } from '../../components/QueryState';
import { formatDate, pluralise } from '../activities/activity-format';
import { FulfilmentSummaryView } from './FulfilmentSummaryView';
import { firstDueDate } from './fulfilment-format';
import { useTenderFulfilment } from './fulfilment.queries';

/** The buyer's grace period in words. */
function describeGrace(days: number): string {
  if (days === 0) return 'A contribution is overdue as soon as it falls due unmet';
  return `A contribution is overdue ${pluralise(days, 'day')} after it falls due unmet`;
}

interface ContractFulfilmentSectionProps {
  tender: TenderView;
  /** Whether the viewer may open the buyer's printable report (its members, admins). */
  canReport: boolean;
}

/**
 * An awarded tender's delivery so far, public: delivered against due by kind, each line,
 * and what is overdue, disputed or unverified; the buyer also gets the printable report.
 */
export function ContractFulfilmentSection({ tender, canReport }: ContractFulfilmentSectionProps) {
  const fulfilment = useTenderFulfilment(tender.id);
  return (
    <section
      className="section"
      aria-labelledby="contract-fulfilment-heading"
      data-testid="contract-fulfilment"
    >
      <h3 id="contract-fulfilment-heading">Delivery of the contract</h3>
      {canReport ? (
        <p>
          <Link
            to={`/tenders/${encodeURIComponent(tender.id)}/report`}
            data-testid="contract-report-link"
          >
            Open the printable contract report
          </Link>
        </p>
      ) : null}
      <QueryState
        query={fulfilment}
        loading="Loading the contract’s delivery…"
        errorTitle="The contract’s delivery could not be loaded"
      >
        {(data) => (
          <>
            {data.contracts.map((contract) => (
              <p key={contract.spoId} className="muted">
                {contract.supplier.name}, contract from {formatDate(contract.contractStart)} to{' '}
                {formatDate(contract.contractEnd)}. {describeGrace(data.tender.graceDays)};
                providers have {pluralise(data.tender.responseDays, 'day')} to answer a report.
              </p>
            ))}
            <FulfilmentSummaryView
              summary={data}
              of="this contract"
              firstDue={firstDueDate(data.contracts)}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
