import { Link, useNavigate } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { defaultOrganisation, organisationsOfKind } from '../features/auth/memberships';
import { SignInGate } from '../features/auth/SignInGate';
import { NewTenderForm } from '../features/tenders/TenderForm';
import { useDocumentTitle } from '../lib/document-title';

/** `/tenders/new`: a buyer's member drafts a tender. */
export function TenderNewPage() {
  const navigate = useNavigate();
  useDocumentTitle('New tender');

  function handleSaved(tender: TenderView) {
    void navigate(`/tenders/${encodeURIComponent(tender.id)}`);
  }

  const body = (
    <SignInGate
      reason="as a member of a buyer organisation to draft a tender."
      data-testid="tender-form-refused"
    >
      {(person) =>
        organisationsOfKind(person, 'buyer').length === 0 ? (
          <p data-testid="tender-form-refused">
            Only members of a buyer organisation (a police force, NHS body, council…) can draft
            tenders, and you do not belong to one.
          </p>
        ) : (
          <NewTenderForm
            buyers={organisationsOfKind(person, 'buyer')}
            defaultBuyerId={defaultOrganisation(person, 'buyer')?.id ?? ''}
            onSaved={handleSaved}
          />
        )
      }
    </SignInGate>
  );

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
