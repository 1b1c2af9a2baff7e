import { useEffect, useId, useRef } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingMessage } from '../../components/LoadingMessage';
import { formatCount, pluralise } from '../activities/activity-format';
import type { TenderListParams } from './tenders.keys';
import { useTenders } from './tenders.queries';
import { TenderListItem } from './TenderListItem';

interface TenderListProps {
  params: TenderListParams;
  filtered: boolean;
  onPageChange: (page: number) => void;
  onClearFilters: () => void;
}

/** The tenders matching the filters, one page at a time, with loading, empty and error states. */
export function TenderList({ params, filtered, onPageChange, onClearFilters }: TenderListProps) {
  const tenders = useTenders(params);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pageRequested = useRef(false);
  const { page } = params;

  // After Previous or Next, the reader starts at the top of the new page.
  useEffect(() => {
    if (!pageRequested.current) return;
    pageRequested.current = false;
    headingRef.current?.focus();
  }, [page]);

  function goTo(nextPage: number) {
    pageRequested.current = true;
    onPageChange(nextPage);
  }

  const data = tenders.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  let body;
  if (tenders.isPending) {
    body = <LoadingMessage>Loading tenders…</LoadingMessage>;
  } else if (tenders.isError) {
    body = (
      <ErrorMessage
        title="The tenders could not be loaded"
        error={tenders.error}
        onRetry={() => void tenders.refetch()}
        isRetrying={tenders.isFetching}
      />
    );
  } else if (tenders.data.total === 0) {
    body = (
      <div className="tender-list__empty" data-testid="tender-list-empty">
        <p>
          {filtered ? 'No tenders match these filters.' : 'No tenders have been published yet.'}
        </p>
        {filtered ? (
          <button type="button" className="button" onClick={onClearFilters}>
            Clear filters
          </button>
        ) : null}
      </div>
    );
  } else if (tenders.data.items.length === 0) {
    body = (
      <div className="tender-list__empty">
        <p>
          There is no page {formatCount(page)}: the list has {pluralise(totalPages, 'page')}.
        </p>
        <button type="button" className="button" onClick={() => goTo(totalPages)}>
          Go to the last page
        </button>
      </div>
    );
  } else {
    body = (
      <ol
        className={`tender-list__items${tenders.isPlaceholderData ? ' tender-list__items--stale' : ''}`}
        aria-busy={tenders.isPlaceholderData || undefined}
      >
        {tenders.data.items.map((tender) => (
          <TenderListItem key={tender.id} tender={tender} />
        ))}
      </ol>
    );
  }

  return (
    <section className="tender-list" data-testid="tender-list" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="tender-list__heading">
        {data ? pluralise(data.total, 'tender') : 'Tenders'}
      </h3>
      {tenders.isFetching && data ? (
        <p className="activity-list__updating" role="status">
          <span className="spinner" aria-hidden="true" /> Updating…
        </p>
      ) : null}
      {body}
      {data && data.total > 0 ? (
        <nav className="activity-list__pager" aria-label="Pages of tenders">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => goTo(page - 1)}
            disabled={page <= 1}
          >
            Previous
          </button>
          <p className="activity-list__total" aria-live="polite">
            Page {formatCount(data.page)} of {formatCount(totalPages)}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => goTo(page + 1)}
            disabled={page >= totalPages}
          >
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
