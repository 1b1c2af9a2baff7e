import { useId } from 'react';
import { pageCount, PageOutOfRange, Pager, usePageTurns } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
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
  /** The heading's id, where the map's "Skip the map" link takes the focus. */
  headingId?: string;
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
  headingId: givenHeadingId,
}: ActivityListProps) {
  const activities = useActivities(params);
  const ownHeadingId = useId();
  const headingId = givenHeadingId ?? ownHeadingId;
  const page = params?.page ?? 1;
  const { headingRef, goTo } = usePageTurns(page, onPageChange);
  const data = activities.data;
  const totalPages = data ? pageCount(data) : 1;

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
      <QueryState
        query={activities}
        loading="Loading activities…"
        errorTitle="The activities could not be loaded"
        empty={{
          when: ({ total }) => total === 0,
          content: (
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
          ),
        }}
      >
        {({ items }) =>
          items.length === 0 ? (
            <PageOutOfRange
              className="activity-list__empty"
              page={formatCount(page)}
              pages={pluralise(totalPages, 'page')}
              totalPages={totalPages}
              onGoTo={goTo}
            />
          ) : (
            <ol
              className={`activity-list__items${activities.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
              aria-busy={activities.isPlaceholderData || undefined}
            >
              {items.map((activity) => (
                <ActivityListItem key={activity.id} activity={activity} />
              ))}
            </ol>
          )
        }
      </QueryState>
      {data && data.total > 0 ? (
        <Pager
          label="Pages of activities"
          page={page}
          totalPages={totalPages}
          onGoTo={goTo}
          data-testid="activity-list-total"
        >
          {/* The page on screen, which lags the one asked for while it loads. */}
          Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
          {pluralise(data.total, 'activity', 'activities')}
        </Pager>
      ) : null}
    </section>
  );
}
