import type { ReactNode } from 'react';
import { Pager, pageCount, usePageTurns } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { pluralise } from '../activities/activity-format';

/** What `HomeList` reads of a React Query result for one page of a list. */
interface PagedQuery<T> {
  data: { items: T[]; total: number; page: number; pageSize: number } | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

interface HomeListProps<T> {
  /** The list's heading, which takes the focus when a page is turned. */
  heading: string;
  /** The heading's id, for the list's label. */
  id: string;
  query: PagedQuery<T>;
  page: number;
  onPageChange: (page: number) => void;
  /** What the items are, singular and plural, for the count: ["activity", "activities"]. */
  noun: [string, string];
  /** Shown instead of the list when it is empty: what that means and how it fills. */
  empty: ReactNode;
  loading: string;
  errorTitle: string;
  children: (item: T) => ReactNode;
  'data-testid'?: string;
}

/**
 * One of a home page's lists: a heading, its loading, error and empty states, a page of items
 * and, when there are more, Previous and Next, the focus going to the heading on each turn.
 */
export function HomeList<T>({
  heading,
  id,
  query,
  page,
  onPageChange,
  noun,
  empty,
  loading,
  errorTitle,
  children,
  'data-testid': testId,
}: HomeListProps<T>) {
  const { headingRef, goTo } = usePageTurns(page, onPageChange);
  return (
    <div className="home-list" data-testid={testId}>
      <h4 id={id} ref={headingRef} tabIndex={-1}>
        {heading}
      </h4>
      <QueryState
        query={query}
        loading={loading}
        errorTitle={errorTitle}
        empty={{
          when: (data) => data.total === 0,
          content: <div className="home-empty">{empty}</div>,
        }}
      >
        {(data) => {
          const totalPages = pageCount(data);
          return (
            <>
              <ul className="home-list__items" aria-labelledby={id}>
                {data.items.map(children)}
              </ul>
              {totalPages > 1 ? (
                <Pager
                  label={`Pages of ${heading.toLowerCase()}`}
                  page={page}
                  totalPages={totalPages}
                  onGoTo={goTo}
                  small
                >
                  Page {page} of {totalPages} ({pluralise(data.total, noun[0], noun[1])})
                </Pager>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
