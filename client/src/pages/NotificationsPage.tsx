import { Link } from 'react-router-dom';
import { SignInGate } from '../features/auth/SignInGate';
import { NotificationList } from '../features/notifications/NotificationList';
import { useDocumentTitle } from '../lib/document-title';

/** `/notifications`: what the signed-in person has been told of, newest first. */
export function NotificationsPage() {
  useDocumentTitle('Notifications');
  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="notifications-heading">
        <div className="page__head">
          <div>
            <h2 id="notifications-heading">Notifications</h2>
            <p className="page__intro">
              What happened to your organisations’ activities, tenders and Social Purchase Orders.
            </p>
          </div>
          <Link to="/notifications/preferences" data-testid="preferences-link">
            Choose what we email you
          </Link>
        </div>
        <SignInGate reason="to see your notifications.">{() => <NotificationList />}</SignInGate>
      </section>
    </div>
  );
}
