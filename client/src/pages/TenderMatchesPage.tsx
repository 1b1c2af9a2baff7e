import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { MatchResult } from '@shared/schemas/matching';
import { ErrorMessage } from '../components/ErrorMessage';
import { QueryError } from '../components/QueryState';
import { useMe } from '../features/auth/auth.queries';
import { defaultOrganisation } from '../features/auth/memberships';
import { MatchList } from '../features/matching/MatchList';
import { SuggestionBuilder } from '../features/matching/SuggestionBuilder';
import { useCreateSpo, useTenderSpos } from '../features/spos/spos.queries';
import { hasClosed } from '../features/tenders/TenderBadges';
import { TenderQueryState } from '../features/tenders/TenderQueryState';
import { useTender } from '../features/tenders/tenders.queries';
import { useDocumentTitle } from '../lib/document-title';
import { useIdempotencyKey } from '../lib/idempotency-key';
import { useNow } from '../lib/use-now';

/**
 * `/tenders/:id/matches`: the activities ranked for a tender, and for a supplier "Fill my
 * baseline" (a suggested set of lines to edit and send) and "Add to my SPO" on each match.
 */
export function TenderMatchesPage() {
  const { id = '' } = useParams();
  const tender = useTender(id);
  const me = useMe();
  const now = useNow();
  const supplier = defaultOrganisation(me.data, 'supplier');
  const spos = useTenderSpos(supplier ? id : undefined);
  const createSpo = useCreateSpo(id);
  const idempotency = useIdempotencyKey();
  const navigate = useNavigate();
  const [addingId, setAddingId] = useState<string | undefined>(undefined);
  const fillRef = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();
  useDocumentTitle(tender.data ? `Matches for ${tender.data.title}` : 'Matching activities');

  const spo = spos.data?.find((s) => s.supplier.id === supplier?.id);
  const open = tender.data?.status === 'open' && !hasClosed(tender.data, now);
  const canBid = supplier !== undefined && open && spos.isSuccess;

  // The SPO builder's "Fill my baseline" link lands on that section, once it is there.
  useEffect(() => {
    if (hash === '#fill' && canBid) fillRef.current?.focus();
  }, [hash, canBid]);

  // "Add to my SPO" is the SPO builder's own line form, with this activity chosen in it.
  function handleAdd(match: MatchResult) {
    if (!supplier) return;
    const pick = { id: match.activity.id, title: match.activity.title };
    const openSpo = (spoId: string) =>
      void navigate(`/spos/${encodeURIComponent(spoId)}`, { state: { pick } });
    if (spo) {
      openSpo(spo.id);
      return;
    }
    setAddingId(match.activity.id);
    const body = { supplierId: supplier.id };
    createSpo.mutate(
      { ...body, idempotencyKey: idempotency.keyFor(body) },
      { onSuccess: openSpo, onSettled: () => setAddingId(undefined) },
    );
  }

  return (
    <div className="page">
      <article className="page__inner page__inner--wide" data-testid="tender-matches-page">
        <p className="activity-page__back">
          <Link to={`/tenders/${encodeURIComponent(id)}`}>← Back to the tender</Link>
        </p>
        {tender.data ? null : <h1>Matching activities</h1>}
        <TenderQueryState tender={tender}>
          {(t) => (
            <>
              <h1>Matching activities for {t.title}</h1>
              <p>
                Community activities ranked by how well they fit {t.buyer.name}’s local priorities
                and where the need and the gaps are.
                {spo ? (
                  <>
                    {' '}
                    <Link to={`/spos/${encodeURIComponent(spo.id)}`}>
                      Open your Social Purchase Order
                    </Link>
                  </>
                ) : null}
              </p>
              {canBid && supplier ? (
                <section className="section" aria-labelledby="fill-heading" id="fill">
                  <h2 id="fill-heading" ref={fillRef} tabIndex={-1}>
                    Fill my baseline
                  </h2>
                  <p>
                    Get a set of lines across the best matches that reaches the tender’s baseline
                    (or a higher band), spread across areas and never above what an activity has
                    room for. You can change it before anything is sent.
                  </p>
                  <SuggestionBuilder tender={t} supplier={supplier} spo={spo} />
                </section>
              ) : null}
              {spos.isError ? (
                <QueryError
                  title="Your Social Purchase Order could not be looked up, so nothing can be added to it"
                  query={spos}
                />
              ) : null}
              {createSpo.isError ? (
                <ErrorMessage
                  title="Your Social Purchase Order was not started"
                  error={createSpo.error}
                  focus
                />
              ) : null}
              <section className="section">
                <MatchList
                  tenderId={t.id}
                  onAdd={canBid ? handleAdd : undefined}
                  addingId={addingId}
                />
              </section>
            </>
          )}
        </TenderQueryState>
      </article>
    </div>
  );
}
