import { Link } from 'react-router-dom';
import { PasswordChangeForm } from '../features/auth/PasswordChangeForm';
import { ResendVerificationButton } from '../features/auth/ResendVerificationButton';
import { SignInGate } from '../features/auth/SignInGate';
import { SignOutButton } from '../features/auth/SignOutButton';
import { KIND_LABELS, ROLE_LABELS } from '../features/organisations/organisation-labels';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/account`: who is signed in, whether their email is verified (with a new link to ask for),
 * their organisations and roles, password and sign-out.
 */
export function AccountPage() {
  useDocumentTitle('Your account');

  const body = (
    <SignInGate
      intro="You are not signed in."
      reason="to see your account."
      loading="Loading your account…"
      errorTitle="Your account could not be loaded"
    >
      {({ person, organisations, actingFor }) => (
        <>
          <dl className="details">
            <dt>Name</dt>
            <dd>{person.name}</dd>
            <dt>Email</dt>
            <dd>{person.email}</dd>
            <dt>Email verified</dt>
            <dd data-testid="email-verified-status">{person.emailVerified ? 'Yes' : 'Not yet'}</dd>
            {person.isAdmin ? (
              <>
                <dt>Access</dt>
                <dd>Administrator</dd>
              </>
            ) : null}
          </dl>

          {person.emailVerified ? null : (
            <section className="section" aria-labelledby="verify-heading">
              <h3 id="verify-heading">Verify your email address</h3>
              <p>
                We sent a link to <strong>{person.email}</strong> when you created your account.
                Open it to confirm that the address is yours: until then you cannot accept an
                invitation to join an organisation. Links work for 48 hours; if yours has expired or
                never arrived, we can send another.
              </p>
              <ResendVerificationButton />
            </section>
          )}

          <section className="section" aria-labelledby="organisations-heading">
            <h3 id="organisations-heading">Your organisations</h3>
            {organisations.length === 0 ? (
              <p className="muted">
                You do not belong to any organisation yet. An owner can invite you by your email
                address: open the link they send you, and accept it.
              </p>
            ) : (
              <table className="table" data-testid="my-organisations">
                <caption className="visually-hidden">Your organisations</caption>
                <thead>
                  <tr>
                    <th scope="col">Organisation</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Your role</th>
                  </tr>
                </thead>
                <tbody>
                  {organisations.map((organisation) => (
                    <tr key={organisation.id}>
                      <td>
                        <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                        {organisation.id === actingFor ? (
                          <span className="badge badge--acting">acting for</span>
                        ) : null}
                      </td>
                      <td>{KIND_LABELS[organisation.kind]}</td>
                      <td>{ROLE_LABELS[organisation.role]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="section" aria-labelledby="password-heading">
            <h3 id="password-heading">Change your password</h3>
            <PasswordChangeForm />
          </section>

          <section className="section" aria-labelledby="sign-out-heading">
            <h3 id="sign-out-heading">Sign out</h3>
            <p>Signing out ends this session in this browser.</p>
            <SignOutButton />
          </section>
        </>
      )}
    </SignInGate>
  );

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        {body}
      </section>
    </div>
  );
}
