import { Link, useParams } from 'react-router-dom';
import { ReachPanel } from '../features/matching/ReachPanel';
import { useMe } from '../features/auth/auth.queries';
import { canManageFor, isMemberOf, organisationsOfKind } from '../features/auth/memberships';
import { ContractFulfilmentSection } from '../features/fulfilment/ContractFulfilmentSection';
import { SupplierSpoAction } from '../features/spos/SupplierSpoAction';
import { TenderEvaluation } from '../features/spos/TenderEvaluation';
import { TenderWinner } from '../features/spos/TenderWinner';
import { TenderBuyerActions } from '../features/tenders/TenderBuyerActions';
import { TenderDetails } from '../features/tenders/TenderDetails';
import { EvaluationOpens } from '../features/tenders/EvaluationOpens';
import { isNotFound } from '../features/tenders/tender-errors';
import { TenderQueryState } from '../features/tenders/TenderQueryState';
import { TenderReceipt } from '../features/tenders/TenderReceipt';
import { useTender } from '../features/tenders/tenders.queries';
import { useClosingRefresh } from '../features/tenders/useClosingRefresh';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/tenders/:id`: one tender, with what the viewer can do: its buyer's members edit,
 * publish, cancel and (after closing) evaluate and award; suppliers prepare their SPO.
 */
export function TenderPage() {
  const { id = '' } = useParams();
  const tender = useTender(id);
  const me = useMe();
  const notFound = tender.isError && isNotFound(tender.error);
  useClosingRefresh(tender.data, tender.refetch);
  useDocumentTitle(tender.data?.title ?? (notFound ? 'Tender not found' : 'Tender'));

  return (
    <div className="page">
      <article className="page__inner page__inner--wide tender-page" data-testid="tender-page">
        <p className="activity-page__back">
          <Link to="/tenders">← All tenders</Link>
        </p>
        {tender.data && !tender.isError ? null : (
          <h2>{notFound ? 'Tender not found' : 'Tender'}</h2>
        )}
        <TenderQueryState tender={tender}>
          {(t) => {
            const isBuyer = isMemberOf(me.data, t.buyer.id);
            const suppliers = organisationsOfKind(me.data, 'supplier');
            const published =
              t.status === 'open' || t.status === 'evaluating' || t.status === 'awarded';
            const closed = t.status === 'evaluating' || t.status === 'awarded';
            return (
              <>
                <TenderReceipt tender={t} />
                <TenderDetails
                  tender={t}
                  actions={
                    <>
                      {isBuyer ? <TenderBuyerActions tender={t} /> : null}
                      {suppliers.length > 0 && published && !isBuyer ? (
                        <SupplierSpoAction tender={t} suppliers={suppliers} />
                      ) : null}
                    </>
                  }
                />
                {isBuyer && (t.status === 'draft' || t.status === 'open') ? (
                  <ReachPanel tenderId={t.id} />
                ) : null}
                {t.status === 'awarded' ? <TenderWinner tender={t} /> : null}
                {t.status === 'awarded' ? (
                  <ContractFulfilmentSection
                    tender={t}
                    canReport={canManageFor(me.data, t.buyer.id)}
                  />
                ) : null}
                {isBuyer && closed ? <TenderEvaluation tender={t} /> : null}
                {isBuyer ? <EvaluationOpens tender={t} /> : null}
              </>
            );
          }}
        </TenderQueryState>
      </article>
    </div>
  );
}
