import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { ApiError } from '../../lib/api';
import { returnStateFrom } from '../../lib/return-to';

interface ReportQueryStateProps<T> {
  query: {
    data: T | undefined;
    error: unknown;
    isPending: boolean;
    isFetching: boolean;
    refetch: () => unknown;
  };
  /** Who may see the report, for the refusal: "the tender’s buyer". */
  audience: string;
  /** What to say when there is no such thing to report on. */
  notFound: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * A report's states in plain English: loading; signed out (with a sign-in link that comes
 * back); refused (who may see it instead); nothing to report; a failure with Retry.
 */
export function ReportQueryState<T>({
  query,
  audience,
  notFound,
  children,
}: ReportQueryStateProps<T>) {
  const location = useLocation();
  if (query.isPending) return <LoadingMessage>Loading the report…</LoadingMessage>;
  if (query.data !== undefined) return children(query.data);
  const error = query.error;
  if (error instanceof ApiError && error.status === 401) {
    return (
      <p data-testid="report-sign-in">
        <Link to="/sign-in" state={returnStateFrom(location)}>
          Sign in
        </Link>{' '}
        to see this report. It is for {audience}.
      </p>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="notice notice--warning" data-testid="report-refused">
        <p>You cannot see this report: it is for {audience}.</p>
        <p>If you should, ask an owner of that organisation to add you as a member.</p>
      </div>
    );
  }
  if (
    error instanceof ApiError &&
    (error.status === 404 ||
      error.code === 'tender_not_awarded' ||
      error.code === 'validation_failed')
  ) {
    return <div data-testid="report-not-found">{notFound}</div>;
  }
  return <QueryError title="The report could not be loaded" query={query} />;
}
