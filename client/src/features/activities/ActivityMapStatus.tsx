import { QueryError } from '../../components/QueryState';
import { useActivityMap, type ActivityMapParams } from './activities.queries';
import { pluralise } from './activity-format';
import { ActivityMapKey } from './ActivityMapKey';

/**
 * What the map shows, in words, over its corner: how many activities are in view, whether
 * an update is loading, whether the answer was cut short, failures with a Retry, and the key
 * to its marks.
 */
export function ActivityMapStatus({ params }: { params: ActivityMapParams | undefined }) {
  const map = useActivityMap(params);

  if (map.isError && !map.data) {
    return (
      <div className="activity-map-status activity-map-status--error">
        <QueryError title="The activities on the map could not be loaded" query={map} />
      </div>
    );
  }

  const data = map.data;
  const shown = data?.features.filter((f) => f.properties.kind === 'activity').length ?? 0;
  return (
    <div className="activity-map-status">
      <p className="activity-map-status__line" role="status">
        {data ? (
          <span data-testid="activities-map-total">
            {pluralise(data.total, 'activity', 'activities')} in view
          </span>
        ) : (
          <span>Loading activities…</span>
        )}
        {map.isFetching ? (
          <span className="activity-map-status__busy">
            <span className="spinner" aria-hidden="true" />
            <span className="visually-hidden">Updating</span>
          </span>
        ) : null}
      </p>
      {data?.truncated ? (
        <p className="activity-map-status__note">
          Showing {pluralise(shown, 'activity', 'activities')} of them: zoom in, or use the list, to
          see every one.
        </p>
      ) : null}
      {data && data.total === 0 && !map.isFetching ? (
        <p className="activity-map-status__note">No activities match here. Try zooming out.</p>
      ) : null}
      {map.isError ? (
        <p className="activity-map-status__note activity-map-status__note--error" role="alert">
          The map could not be updated.{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => void map.refetch()}
            disabled={map.isFetching}
          >
            Retry
          </button>
        </p>
      ) : null}
      <ActivityMapKey />
    </div>
  );
}
