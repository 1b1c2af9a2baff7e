import { SignInGate } from '../features/auth/SignInGate';
import { OutgoingMailList } from '../features/notifications/OutgoingMailList';
import { useDocumentTitle } from '../lib/document-title';

/** `/admin/outgoing-mail`: every email the app has sent or will send (administrators only). */
export function OutgoingMailPage() {
  useDocumentTitle('Outgoing mail');
  return (
    <div className="page">
      <section className="page__inner page__inner--wide" aria-labelledby="outgoing-mail-heading">
        <h2 id="outgoing-mail-heading">Outgoing mail</h2>
        <p className="page__intro">
          Every email the app has sent or is about to send, newest first: password resets, address
          checks, notifications and digests.
        </p>
        <SignInGate reason="as an administrator to see the outgoing mail.">
          {({ person }) =>
            person.isAdmin ? (
              <OutgoingMailList />
            ) : (
              <p data-testid="outgoing-mail-refused">
                Only administrators can see the outgoing mail, and you are not one.
              </p>
            )
          }
        </SignInGate>
      </section>
    </div>
  );
}
