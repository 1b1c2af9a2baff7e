import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { LoadingMessage } from '../../components/LoadingMessage';
import { PageOutOfRange, Pager, pageCount, usePageTurns } from '../../components/Pager';
import { QueryError } from '../../components/QueryState';
import { pluralise } from '../activities/activity-format';
import { DeliveryReportCard } from './DeliveryReportCard';
import { useDeliveryReports } from './delivery.queries';
import './delivery.css';

type Role = 'answer' | 'sent';

const ROLES: { role: Role; label: string; heading: string; intro: string; empty: string }[] = [
  {
    role: 'answer',
    label: 'To answer',
    heading: 'Reports on your activities',
    intro:
      'Confirm, part confirm or dispute each report awaiting your answer: only what you confirm counts as delivered.',
    empty:
      'No supplier has reported a contribution to your activities yet. When one does, confirm, part confirm or dispute it here.',
  },
  {
    role: 'sent',
    label: 'Sent',
    heading: 'Reports you sent',
    intro: 'What your organisations reported delivered, and where each report stands.',
    empty:
      'Your organisations have sent no delivery reports. Report each contribution from the Delivery section of an awarded SPO.',
  },
];

/** The list and page chosen, from the address, so that Back and a shared link keep them. */
function useListAddress() {
  const [params, setParams] = useSearchParams();
  const role: Role = params.get('role') === 'sent' ? 'sent' : 'answer';
  const requested = Number(params.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  const addressOf = (next: { role?: Role; page?: number }) => {
    const query = new URLSearchParams();
    const nextRole = next.role ?? role;
    const nextPage = next.page ?? page;
    if (nextRole === 'sent') query.set('role', 'sent');
    if (nextPage > 1) query.set('page', String(nextPage));
    return query;
  };
  return { role, page, addressOf, go: (next: { page: number }) => setParams(addressOf(next)) };
}

/**
 * The delivery reports of the person's organisations, a page at a time, newest first: those
 * its providers must answer (each answered here), or those its suppliers sent.
 */
export function DeliveryReportList() {
  const { role, page, addressOf, go } = useListAddress();
  const reports = useDeliveryReports(role, page);
  const [status, setStatus] = useState<{ text: string; count: number } | undefined>(undefined);
  const statusRef = useRef<HTMLDivElement>(null);
  const { headingRef, goTo } = usePageTurns(page, (next) => go({ page: next }));
  const current = ROLES.find((r) => r.role === role)!;

  function say(text: string) {
    setStatus((last) => ({ text, count: (last?.count ?? 0) + 1 }));
    window.setTimeout(() => statusRef.current?.focus(), 0);
  }

  const data = reports.data;
  const totalPages = data ? pageCount(data) : 1;
  let body;
  if (reports.isPending) {
    body = <LoadingMessage>Loading the reports…</LoadingMessage>;
  } else if (reports.isError || !data) {
    body = <QueryError title="The reports could not be loaded" query={reports} />;
  } else if (data.total === 0) {
    body = (
      <p className="muted" data-testid="delivery-reports-empty">
        {current.empty}
      </p>
    );
  } else if (data.items.length === 0) {
    body = (
      <PageOutOfRange
        className="delivery-reports__out-of-range"
        page={page}
        pages={pluralise(totalPages, 'page')}
        totalPages={totalPages}
        onGoTo={goTo}
      />
    );
  } else {
    body = (
      <>
        <p className="muted" data-testid="delivery-reports-total">
          {current.intro} {pluralise(data.total, 'report')}, newest first.
        </p>
        <ol className="report-list" aria-busy={reports.isPlaceholderData}>
          {data.items.map((report) => (
            <DeliveryReportCard
              key={report.id}
              report={report}
              canAnswer={role === 'answer'}
              canReport={false}
              showSpo
              titleLevel="h4"
              onDone={say}
            />
          ))}
        </ol>
        {totalPages > 1 ? (
          <Pager
            label="Pages of reports"
            page={page}
            totalPages={totalPages}
            onGoTo={goTo}
            data-testid="delivery-reports-pages"
          >
            Page {page} of {totalPages}
          </Pager>
        ) : null}
      </>
    );
  }

  return (
    <>
      <nav className="delivery-reports__tabs" aria-label="Which reports">
        <ul>
          {ROLES.map((r) => (
            <li key={r.role}>
              <Link
                to={{ search: `?${addressOf({ role: r.role, page: 1 })}` }}
                aria-current={r.role === role ? 'page' : undefined}
                data-testid={`delivery-reports-${r.role}`}
              >
                {r.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div
        ref={statusRef}
        className="delivery__status"
        role="status"
        tabIndex={-1}
        data-testid="delivery-status"
      >
        {status ? (
          <p key={status.count} className="success-message">
            {status.text}
          </p>
        ) : null}
      </div>
      <h3 ref={headingRef} tabIndex={-1}>
        {current.heading}
      </h3>
      {body}
    </>
  );
}
