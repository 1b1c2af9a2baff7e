import { useState } from 'react';
import { ActivityStatuses, STATUS_LABELS } from '@shared/schemas/activities';
import { CLUSTER_TIERS } from './activity-markers';
import './activity-map.css';

/** Open at first where there is room for it beside the map's contents. */
function wideScreen(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 50rem)').matches;
}

/**
 * What the map's marks mean: each status by its shape as well as its colour, and the group
 * circles by their size and colour, so that nothing is told by colour alone. Folded on
 * narrow screens, where it would cover the map.
 */
export function ActivityMapKey() {
  const [open] = useState(wideScreen);
  return (
    <details className="activity-map-key" open={open} data-testid="activity-map-key">
      {/* The symbols are pictures of the words beside them: nothing for a screen reader. */}
      <summary>Key</summary>
      <ul className="activity-map-key__list" aria-label="Activities, by status">
        {ActivityStatuses.map((status) => (
          <li key={status}>
            {/* Not `activity-marker`: that class is the map's markers, which tests count. */}
            <span className={`activity-status-symbol activity-status-symbol--${status}`}>
              <span className="activity-marker__symbol" />
            </span>
            {STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <p className="activity-map-key__note">
        Numbered circles are groups of activities: select one to zoom in.
      </p>
      <ul className="activity-map-key__list" aria-label="Groups, by size">
        {CLUSTER_TIERS.map((tier) => (
          <li key={tier.name}>
            <span className={`activity-map-key__cluster activity-cluster--${tier.name}`} />
            {tier.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
