import { Link } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { useReceipt } from '../../lib/receipt';

/**
 * The receipt once an activity is listed: where it now shows, and how support reaches it
 * (suppliers' offers arrive as link-up requests, to accept or decline).
 */
export function ActivityReceipt({ activity }: { activity: ActivityView }) {
  if (useReceipt() !== 'activity-listed') return null;
  return (
    <ConfirmationPanel
      title="Activity listed"
      data-testid="activity-listed-panel"
      next={
        <>
          <p>
            It shows on the map and in the list of activities, in {activity.territory.name}.
            Suppliers bidding for public contracts there can offer it support through Social
            Purchase Orders.
          </p>
          <p>
            Their offers arrive in your <Link to="/link-requests">link requests</Link>, to accept or
            decline: nothing counts until you accept it. You can edit the activity at any time.
          </p>
        </>
      }
    >
      <p>{activity.title}</p>
    </ConfirmationPanel>
  );
}
