import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { QueryState } from '../../components/QueryState';
import { isNotFound } from './tender-errors';
import type { useTender } from './tenders.queries';

interface TenderQueryStateProps {
  tender: ReturnType<typeof useTender>;
  children: (tender: TenderView) => ReactNode;
}

/** The tender at a page's address once loaded; until then, loading, not found or the failure. */
export function TenderQueryState({ tender, children }: TenderQueryStateProps) {
  return (
    <QueryState
      query={tender}
      loading="Loading the tender…"
      errorTitle="The tender could not be loaded"
      notFound={{
        when: isNotFound,
        content: (
          <>
            <p>There is no tender at this address, or it is a draft only its buyer can see.</p>
            <p>
              <Link to="/tenders">Browse tenders</Link>
            </p>
          </>
        ),
      }}
    >
      {children}
    </QueryState>
  );
}
