import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { useMe } from '../features/auth/auth.queries';
import { defaultOrganisation, organisationsOfKind } from '../features/auth/memberships';
import { NewTenderForm } from '../features/tenders/TenderForm';
import { useDocumentTitle } from '../lib/document-title';
import { returnStateFrom } from '../lib/return-to';

/** `/tenders/new`: a buyer's member drafts a tender. */
export function TenderNewPage() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  useDocumentTitle('New tender');
  const buyers = organisationsOfKind(me.data, 'buyer');

  function handleSaved(tender: TenderView) {
    void navigate(`/tenders/${encodeURIComponent(tender.id)}`);
  }

  let body;
  if (me.isPending) {
    body = <LoadingMessage>Checking who is signed in…</LoadingMessage>;
  } else if (me.isError) {
    body = (
      <ErrorMessage
        title="Your sign-in could not be checked"
        error={me.error}
        onRetry={() => void me.refetch()}
        isRetrying={me.isFetching}
      />
    );
  } else if (me.data === null) {
    body = (
      <p data-testid="tender-form-refused">
        <Link to="/sign-in" state={returnStateFrom(location)}>
          Sign in
        </Link>{' '}
        as a member of a buyer organisation to draft a tender.
      </p>
    );
  } else if (buyers.length === 0) {
    body = (
      <p data-testid="tender-form-refused">
        Only members of a buyer organisation (a police force, NHS body, council…) can draft tenders,
        and you do not belong to one.
      </p>
    );
  } else {
    body = (
      <NewTenderForm
        buyers={buyers}
        defaultBuyerId={defaultOrganisation(me.data, 'buyer')?.id ?? ''}
        onSaved={handleSaved}
      />
    );
  }

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="new-tender-heading">
        <p className="activity-page__back">
          <Link to="/tenders">← All tenders</Link>
        </p>
        <h2 id="new-tender-heading">New tender</h2>
        {body}
      </section>
    </div>
  );
}
