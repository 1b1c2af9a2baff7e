import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { QueryState } from '../../components/QueryState';
import type { useActivity } from './activities.queries';
import { isActivityNotFound } from './activity-errors';

interface ActivityQueryStateProps {
  activity: ReturnType<typeof useActivity>;
  children: (activity: ActivityView) => ReactNode;
}

/** The activity at a page's address once loaded; until then, loading, not found or the failure. */
export function ActivityQueryState({ activity, children }: ActivityQueryStateProps) {
  return (
    <QueryState
      query={activity}
      loading="Loading the activity…"
      errorTitle="The activity could not be loaded"
      notFound={{
        when: isActivityNotFound,
        content: (
          <>
            <p>This activity does not exist.</p>
            <p>
              <Link to="/activities">Browse activities</Link>
            </p>
          </>
        ),
      }}
    >
      {children}
    </QueryState>
  );
}
