import { useMemo } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ContractsTable } from '../features/fulfilment/ContractsTable';
import { FulfilmentSummaryView } from '../features/fulfilment/FulfilmentSummaryView';
import { firstDueDate } from '../features/fulfilment/fulfilment-format';
import {
  territoryReportCsvPath,
  useTerritoryReport,
} from '../features/fulfilment/fulfilment.queries';
import { ReportActions } from '../features/fulfilment/ReportActions';
import { ReportMap } from '../features/fulfilment/ReportMap';
import { ReportQueryState } from '../features/fulfilment/ReportQueryState';
import '../features/fulfilment/report.css';
import { formatDateTime } from '../lib/date-time';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/coverage/:code/report`: a buyer's printable territory report: the awarded contracts
 * supporting activities in the territory and how much of what fell due was delivered; the
 * same as CSV.
 */
export function TerritoryReportPage() {
  const { code = '' } = useParams();
  const selectedCode = code.trim().toUpperCase();
  const report = useTerritoryReport(selectedCode);
  const territory = report.data?.territory;
  const territories = useMemo(() => (territory ? [territory] : []), [territory]);
  const title = territory ? `Territory report: ${territory.name}` : 'Territory report';
  useDocumentTitle(title);

  // ONS codes are upper case; one typed in lower case still deserves the page, at its proper address.
  if (code !== selectedCode) return <Navigate to={`/coverage/${selectedCode}/report`} replace />;

  return (
    <div className="page report-page" data-testid="territory-report">
      <article className="page__inner page__inner--wide" aria-labelledby="report-heading">
        <p className="activity-page__back report__back">
          <Link to={`/coverage/${encodeURIComponent(selectedCode)}`}>
            ← Coverage of the territory
          </Link>
        </p>
        <h2 id="report-heading">{title}</h2>
        <ReportQueryState
          query={report}
          audience="members of a buyer organisation"
          notFound={
            <p>
              No territory has the code <code>{selectedCode}</code>.
            </p>
          }
        >
          {(data) => (
            <>
              <dl className="details report__meta" data-testid="report-meta">
                <dt>Territory</dt>
                <dd>
                  {data.territory.name} (<code>{data.territory.code}</code>)
                </dd>
                <dt>Awarded contracts here</dt>
                <dd>{data.contracts.length}</dd>
                <dt>Report made</dt>
                <dd>{formatDateTime(data.generatedAt)}</dd>
              </dl>
              <ReportActions csvPath={territoryReportCsvPath(selectedCode)} />
              <ReportMap territories={territories} activities={data.activities} />
              {data.contracts.length === 0 ? (
                <p className="notice" data-testid="report-empty">
                  No awarded contract supports an activity in {data.territory.name} yet, so nothing
                  has fallen due.
                </p>
              ) : (
                <>
                  <h3>Contracts</h3>
                  <ContractsTable
                    contracts={data.contracts}
                    caption={`Awarded contracts with a line in ${data.territory.name}; their figures count only the lines here`}
                    showSupplier
                  />
                  <FulfilmentSummaryView
                    summary={data}
                    of={data.territory.name}
                    Heading="h3"
                    showContract
                    firstDue={firstDueDate(data.contracts)}
                  />
                </>
              )}
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
