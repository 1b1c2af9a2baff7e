import { Link, useNavigate, useParams } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { useMe } from '../features/auth/auth.queries';
import { isMemberOf } from '../features/auth/memberships';
import { EditTenderForm } from '../features/tenders/TenderForm';
import { isNotFound } from '../features/tenders/tender-errors';
import { useTender } from '../features/tenders/tenders.queries';
import { useDocumentTitle } from '../lib/document-title';

/** `/tenders/:id/edit`: a member of the tender's buyer changes a draft. */
export function TenderEditPage() {
  const { id = '' } = useParams();
  const tender = useTender(id);
  const me = useMe();
  const navigate = useNavigate();
  const notFound = tender.isError && isNotFound(tender.error);
  useDocumentTitle(tender.data ? `Edit ${tender.data.title}` : 'Edit tender');
  const tenderPath = `/tenders/${encodeURIComponent(id)}`;

  function handleSaved(saved: TenderView) {
    void navigate(`/tenders/${encodeURIComponent(saved.id)}`);
  }

  let body;
  if (tender.isPending || me.isPending) {
    body = <LoadingMessage>Loading the tender…</LoadingMessage>;
  } else if (notFound) {
    body = (
      <>
        <p>There is no tender at this address, or it is a draft only its buyer can see.</p>
        <p>
          <Link to="/tenders">Browse tenders</Link>
        </p>
      </>
    );
  } else if (tender.isError) {
    body = (
      <ErrorMessage
        title="The tender could not be loaded"
        error={tender.error}
        onRetry={() => void tender.refetch()}
        isRetrying={tender.isFetching}
      />
    );
  } else if (me.isError) {
    body = (
      <ErrorMessage
        title="Your sign-in could not be checked"
        error={me.error}
        onRetry={() => void me.refetch()}
        isRetrying={me.isFetching}
      />
    );
  } else if (!isMemberOf(me.data, tender.data.buyer.id)) {
    body = (
      <p data-testid="tender-form-refused">
        Only members of {tender.data.buyer.name} can edit this tender.{' '}
        {me.data ? null : 'If you are one, sign in first.'}
      </p>
    );
  } else if (tender.data.status !== 'draft') {
    body = (
      <p className="notice" data-testid="tender-not-draft">
        <strong>Published.</strong> A published tender can no longer be edited, only cancelled from{' '}
        <Link to={tenderPath}>its page</Link>.
      </p>
    );
  } else {
    body = <EditTenderForm tender={tender.data} onSaved={handleSaved} />;
  }

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="edit-tender-heading">
        <p className="activity-page__back">
          <Link to={tenderPath}>← Back to the tender</Link>
        </p>
        <h2 id="edit-tender-heading">
          {tender.data ? `Edit “${tender.data.title}”` : 'Edit tender'}
        </h2>
        {body}
      </section>
    </div>
  );
}
