import { useEffect, useId, useRef } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useActivities, type ActivityListParams } from './activities.queries';
import { formatCount, pluralise } from './activity-format';
import { ActivityListItem } from './ActivityListItem';

interface ActivityListProps {
  /** Undefined while the map has yet to say what it shows (for a list limited to the view). */
  params: ActivityListParams | undefined;
  inView: boolean;
  onInViewChange: (inView: boolean) => void;
  onPageChange: (page: number) => void;
  onClearFilters: () => void;
  filtered: boolean;
}

/**
 * The activities matching the filters as a paged list of links: the keyboard and
 * screen-reader way through everything the map shows, or (unticking "only in the map view")
 * through the whole UK.
 */
export function ActivityList({
  params,
  inView,
  onInViewChange,
  onPageChange,
  onClearFilters,
  filtered,
}: ActivityListProps) {
  const activities = useActivities(params);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const page = params?.page ?? 1;
  const pageRequested = useRef(false);

  // After Previous or Next, the reader starts at the top of the new page, not at a button
  // that may have gone.
  useEffect(() => {
    if (!pageRequested.current) return;
    pageRequested.current = false;
    headingRef.current?.focus();
  }, [page]);

  function goTo(nextPage: number) {
    pageRequested.current = true;
    onPageChange(nextPage);
  }

  const data = activities.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  let body;
  if (activities.isPending) {
    body = <LoadingMessage>Loading activities…</LoadingMessage>;
  } else if (activities.isError) {
    body = (
      <ErrorMessage
        title="The activities could not be loaded"
        error={activities.error}
        onRetry={() => void activities.refetch()}
        isRetrying={activities.isFetching}
      />
    );
  } else if (activities.data.total === 0) {
    body = (
      <div className="activity-list__empty">
        <p>
          No activities match these filters
          {inView ? ' in the map view' : ''}.
        </p>
        <p className="form__actions">
          {filtered ? (
            <button type="button" className="button" onClick={onClearFilters}>
              Clear filters
            </button>
          ) : null}
          {inView ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onInViewChange(false)}
            >
              Search the whole UK
            </button>
          ) : null}
        </p>
      </div>
    );
  } else if (activities.data.items.length === 0) {
    body = (
      <div className="activity-list__empty">
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
        className={`activity-list__items${activities.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
        aria-busy={activities.isPlaceholderData || undefined}
      >
        {activities.data.items.map((activity) => (
          <ActivityListItem key={activity.id} activity={activity} />
        ))}
      </ol>
    );
  }

  return (
    <section className="activity-list" data-testid="activity-list" aria-labelledby={headingId}>
      <div className="activity-list__header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          {inView ? 'Activities in the map view' : 'Activities across the UK'}
        </h3>
        <label className="checkbox">
          <input
            type="checkbox"
            name="inView"
            checked={inView}
            onChange={(event) => onInViewChange(event.target.checked)}
          />
          Only show activities in the map view
        </label>
      </div>
      {activities.isFetching && data ? (
        <p className="activity-list__updating" role="status">
          <span className="spinner" aria-hidden="true" /> Updating…
        </p>
      ) : null}
      {body}
      {data && data.total > 0 ? (
        <nav className="activity-list__pager" aria-label="Pages of activities">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => goTo(page - 1)}
            disabled={page <= 1}
          >
            Previous
          </button>
          <p className="activity-list__total" data-testid="activity-list-total" aria-live="polite">
            {/* The page on screen, which lags the one asked for while it loads. */}
            Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
            {pluralise(data.total, 'activity', 'activities')}
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
