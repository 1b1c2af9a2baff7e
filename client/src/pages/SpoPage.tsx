import { Link, useMatch, useParams } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { useMe } from '../features/auth/auth.queries';
import { isMemberOf } from '../features/auth/memberships';
import { SpoDeliverySection } from '../features/delivery/SpoDeliverySection';
import { PledgeImport } from '../features/pledge-import/PledgeImport';
import { SpoBuilder } from '../features/spos/SpoBuilder';
import { SpoCheck } from '../features/spos/SpoCheck';
import { SpoReadOnly } from '../features/spos/SpoReadOnly';
import { useSpo } from '../features/spos/spos.queries';
import { isNotFound } from '../features/tenders/tender-errors';
import { useTender } from '../features/tenders/tenders.queries';
import { useClosingRefresh } from '../features/tenders/useClosingRefresh';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/spos/:id`: a Social Purchase Order. Its supplier's members build, submit and withdraw
 * it; everyone else allowed to see it (the buyer, providers asked, the public once awarded)
 * reads it. `/spos/:id/check`: its supplier checks it before sealing it.
 */
export function SpoPage() {
  const { id = '' } = useParams();
  const checking = useMatch('/spos/:id/check') !== null;
  const spo = useSpo(id);
  const tender = useTender(spo.data?.tenderId);
  const me = useMe();
  const notFound = spo.isError && isNotFound(spo.error);
  useClosingRefresh(tender.data, tender.refetch);
  const name =
    spo.data && tender.data
      ? `SPO: ${spo.data.supplier.name} for ${tender.data.title}`
      : 'Social Purchase Order';
  useDocumentTitle(checking ? `Check your ${name}` : name);

  let body;
  if (spo.isPending || (spo.isSuccess && tender.isPending) || me.isPending) {
    body = (
      <>
        <h2>Social Purchase Order</h2>
        <LoadingMessage>Loading the Social Purchase Order…</LoadingMessage>
      </>
    );
  } else if (notFound) {
    body = (
      <>
        <h2>Social Purchase Order not found</h2>
        <p>
          There is no Social Purchase Order at this address, or it is not yours to see: an SPO is
          seen by its supplier, the providers it asks, the buyer after closing, and everyone once
          awarded.
        </p>
        <p>
          <Link to="/tenders">Browse tenders</Link>
        </p>
      </>
    );
  } else if (spo.isError || tender.isError) {
    const failed = spo.isError ? spo : tender;
    body = (
      <>
        <h2>Social Purchase Order</h2>
        <ErrorMessage
          title={
            spo.isError
              ? 'The Social Purchase Order could not be loaded'
              : 'Its tender could not be loaded'
          }
          error={failed.error}
          onRetry={() => void failed.refetch()}
          isRetrying={failed.isFetching}
        />
      </>
    );
  } else if (tender.data) {
    const own = isMemberOf(me.data, spo.data.supplier.id);
    if (own && checking) body = <SpoCheck spo={spo.data} tender={tender.data} />;
    else if (own)
      body = (
        <>
          <SpoBuilder spo={spo.data} tender={tender.data} />
          <PledgeImport spo={spo.data} tender={tender.data} />
        </>
      );
    else body = <SpoReadOnly spo={spo.data} tender={tender.data} me={me.data} />;
  }

  let back = <Link to="/tenders">← All tenders</Link>;
  if (spo.data && checking) {
    back = <Link to={`/spos/${encodeURIComponent(spo.data.id)}`}>← Back to the lines</Link>;
  } else if (spo.data) {
    back = (
      <Link to={`/tenders/${encodeURIComponent(spo.data.tenderId)}`}>← Back to the tender</Link>
    );
  }

  return (
    <div className="page">
      <article className="page__inner page__inner--wide spo-page" data-testid="spo-page">
        <p className="activity-page__back">{back}</p>
        {body}
        {checking ? null : <SpoDeliverySection spo={spo.data} />}
      </article>
    </div>
  );
}
