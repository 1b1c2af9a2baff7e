import { Link, useNavigate, useParams } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { QueryState } from '../components/QueryState';
import { useMe } from '../features/auth/auth.queries';
import { isMemberOf } from '../features/auth/memberships';
import { EditTenderForm } from '../features/tenders/TenderForm';
import { TenderQueryState } from '../features/tenders/TenderQueryState';
import { useTender } from '../features/tenders/tenders.queries';
import { useDocumentTitle } from '../lib/document-title';

/** `/tenders/:id/edit`: a member of the tender's buyer changes a draft. */
export function TenderEditPage() {
  const { id = '' } = useParams();
  const tender = useTender(id);
  const me = useMe();
  const navigate = useNavigate();
  useDocumentTitle(tender.data ? `Edit ${tender.data.title}` : 'Edit tender');
  const tenderPath = `/tenders/${encodeURIComponent(id)}`;

  function handleSaved(saved: TenderView) {
    void navigate(`/tenders/${encodeURIComponent(saved.id)}`);
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
        <TenderQueryState tender={tender}>
          {(found) => (
            <QueryState
              query={me}
              loading="Loading the tender…"
              errorTitle="Your sign-in could not be checked"
            >
              {(person) => {
                if (!isMemberOf(person, found.buyer.id)) {
                  return (
                    <p data-testid="tender-form-refused">
                      Only members of {found.buyer.name} can edit this tender.{' '}
                      {person ? null : 'If you are one, sign in first.'}
                    </p>
                  );
                }
                if (found.status !== 'draft') {
                  return (
                    <p className="notice" data-testid="tender-not-draft">
                      <strong>Published.</strong> A published tender can no longer be edited, only
                      cancelled from <Link to={tenderPath}>its page</Link>.
                    </p>
                  );
                }
                return <EditTenderForm tender={found} onSaved={handleSaved} />;
              }}
            </QueryState>
          )}
        </TenderQueryState>
      </section>
    </div>
  );
}
