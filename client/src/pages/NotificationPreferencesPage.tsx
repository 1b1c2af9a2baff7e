import { Link } from 'react-router-dom';
import { SignInGate } from '../features/auth/SignInGate';
import { PreferencesForm } from '../features/notifications/PreferencesForm';
import { SavedInterestForm } from '../features/notifications/SavedInterestForm';
import { useDocumentTitle } from '../lib/document-title';
import '../features/notifications/notifications.css';

/** `/notifications/preferences`: what is emailed, and which new tenders the person hears of. */
export function NotificationPreferencesPage() {
  useDocumentTitle('Notification preferences');
  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">Notification preferences</h2>
        <p className="page__intro">
          Everything appears under <Link to="/notifications">Notifications</Link>. Choose which of
          it we email you, and which new tenders you want to hear of.
        </p>
        <SignInGate reason="to choose what we email you.">
          {() => (
            <>
              <section className="section" aria-labelledby="email-choices-heading">
                <h3 id="email-choices-heading">What we email you</h3>
                <PreferencesForm />
              </section>
              <section className="section" aria-labelledby="interest-heading">
                <h3 id="interest-heading">New tenders you want to hear of</h3>
                <p>
                  Besides tenders that match your organisations’ activities, we can tell you of new
                  tenders in the territories and themes you choose here.
                </p>
                <SavedInterestForm />
              </section>
            </>
          )}
        </SignInGate>
      </section>
    </div>
  );
}
