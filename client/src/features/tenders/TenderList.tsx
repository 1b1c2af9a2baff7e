import { useId } from 'react';
import { pageCount, PageOutOfRange, Pager, usePageTurns } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
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
  const { page } = params;
  const { headingRef, goTo } = usePageTurns(page, onPageChange);
  const data = tenders.data;
  const totalPages = data ? pageCount(data) : 1;

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
      <QueryState
        query={tenders}
        loading="Loading tenders…"
        errorTitle="The tenders could not be loaded"
        empty={{
          when: ({ total }) => total === 0,
          content: (
            <div className="tender-list__empty" data-testid="tender-list-empty">
              <p>
                {filtered
                  ? 'No tenders match these filters.'
                  : 'No tenders have been published yet.'}
              </p>
              {filtered ? (
                <button type="button" className="button" onClick={onClearFilters}>
                  Clear filters
                </button>
              ) : null}
            </div>
          ),
        }}
      >
        {({ items }) =>
          items.length === 0 ? (
            <PageOutOfRange
              className="tender-list__empty"
              page={formatCount(page)}
              pages={pluralise(totalPages, 'page')}
              totalPages={totalPages}
              onGoTo={goTo}
            />
          ) : (
            <ol
              className={`tender-list__items${tenders.isPlaceholderData ? ' tender-list__items--stale' : ''}`}
              aria-busy={tenders.isPlaceholderData || undefined}
            >
              {items.map((tender) => (
                <TenderListItem key={tender.id} tender={tender} />
              ))}
            </ol>
          )
        }
      </QueryState>
      {data && data.total > 0 ? (
        <Pager label="Pages of tenders" page={page} totalPages={totalPages} onGoTo={goTo}>
          Page {formatCount(data.page)} of {formatCount(totalPages)}
        </Pager>
      ) : null}
    </section>
  );
}
