import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { LoadingMessage } from './LoadingMessage';

/** What `QueryState` reads of a React Query result. */
interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** The status line while it loads: "Loading tenders…". */
  loading: ReactNode;
  /** The failure's title: "The tenders could not be loaded". A Retry button comes with it. */
  errorTitle: string;
  /** Shown instead of the failure when the error means there is nothing at this address. */
  notFound?: { when: (error: unknown) => boolean; content: ReactNode };
  /** Whether the answer has nothing to show, and what to say then. */
  empty?: { when: (data: T) => boolean; content: ReactNode };
  /** The answer, once there is one to show. */
  children: (data: T) => ReactNode;
}

/** A query's failure, with a Retry button that asks again. */
export function QueryError({
  title,
  query,
}: {
  title: string;
  query: Pick<QueryLike<unknown>, 'error' | 'isFetching' | 'refetch'>;
}) {
  return (
    <ErrorMessage
      title={title}
      error={query.error}
      onRetry={() => void query.refetch()}
      isRetrying={query.isFetching}
    />
  );
}

/**
 * The states every query's place on a page goes through, written once: a status line while
 * it loads, the failure with a Retry button (or a "not found" message), what to say when the
 * answer is empty, and otherwise the answer itself.
 */
export function QueryState<T>({
  query,
  loading,
  errorTitle,
  notFound,
  empty,
  children,
}: QueryStateProps<T>) {
  if (query.isPending) return <LoadingMessage>{loading}</LoadingMessage>;
  if (query.isError || query.data === undefined) {
    if (notFound?.when(query.error)) return notFound.content;
    return <QueryError title={errorTitle} query={query} />;
  }
  if (empty?.when(query.data)) return empty.content;
  return children(query.data);
}
