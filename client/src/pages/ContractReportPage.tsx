import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../features/activities/activity-format';
import { FulfilmentSummaryView } from '../features/fulfilment/FulfilmentSummaryView';
import { firstDueDate } from '../features/fulfilment/fulfilment-format';
import {
  contractReportCsvPath,
  useContractReport,
} from '../features/fulfilment/fulfilment.queries';
import { ReportActions } from '../features/fulfilment/ReportActions';
import { ReportMap } from '../features/fulfilment/ReportMap';
import { ReportQueryState } from '../features/fulfilment/ReportQueryState';
import '../features/fulfilment/report.css';
import { formatDateTime } from '../lib/date-time';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/tenders/:id/report`: the buyer's printable contract report: who delivers what, where,
 * and how much of what fell due the providers confirmed; the same as CSV.
 */
export function ContractReportPage() {
  const { id = '' } = useParams();
  const report = useContractReport(id);
  const title = report.data ? `Contract report: ${report.data.tender.title}` : 'Contract report';
  useDocumentTitle(title);

  return (
    <div className="page report-page" data-testid="contract-report">
      <article className="page__inner page__inner--wide" aria-labelledby="report-heading">
        <p className="activity-page__back report__back">
          <Link to={`/tenders/${encodeURIComponent(id)}`}>← The tender</Link>
        </p>
        <h2 id="report-heading">{title}</h2>
        <ReportQueryState
          query={report}
          audience="the tender’s buyer"
          notFound={
            <p>
              There is no awarded contract to report on here: the tender does not exist or has not
              been awarded yet.
            </p>
          }
        >
          {(data) => (
            <>
              <dl className="details report__meta" data-testid="report-meta">
                <dt>Buyer</dt>
                <dd>{data.tender.buyer.name}</dd>
                {data.contracts.map((contract) => (
                  <div key={contract.spoId} className="report__contract">
                    <dt>Supplier</dt>
                    <dd>{contract.supplier.name}</dd>
                    <dt>Contract</dt>
                    <dd>
                      {formatDate(contract.contractStart)} to {formatDate(contract.contractEnd)}
                    </dd>
                  </div>
                ))}
                <dt>Territories</dt>
                <dd>{data.territories.map((t) => t.name).join(', ') || 'None'}</dd>
                <dt>Report made</dt>
                <dd>{formatDateTime(data.generatedAt)}</dd>
              </dl>
              <ReportActions csvPath={contractReportCsvPath(id)} />
              <ReportMap territories={data.territories} activities={data.activities} />
              <FulfilmentSummaryView
                summary={data}
                of="this contract"
                Heading="h3"
                firstDue={firstDueDate(data.contracts)}
              />
              <p className="form__note">
                Figures only: no personal data about the people the activities serve is kept.
                Delivered counts only what each activity’s provider confirmed; TOMs proxy values are
                estimates.
              </p>
            </>
          )}
        </ReportQueryState>
      </article>
    </div>
  );
}
