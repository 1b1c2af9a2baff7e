import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { useNow } from '../../lib/use-now';
import type { Membership } from '../auth/memberships';
import { hasClosed } from '../tenders/TenderBadges';
import { SPO_STATUS_LABELS } from './spo-labels';
import { useCreateSpo, useTenderSpos } from './spos.queries';

interface SupplierSpoActionProps {
  tender: TenderView;
  /** The supplier organisations the person belongs to; the first is the default. */
  suppliers: Membership[];
}

/**
 * A supplier's way into its Social Purchase Order for a tender: open the one it has, or
 * (while the tender is open) prepare one. A person in several suppliers chooses which.
 */
export function SupplierSpoAction({ tender, suppliers }: SupplierSpoActionProps) {
  const spos = useTenderSpos(tender.id);
  const create = useCreateSpo(tender.id);
  const idempotency = useIdempotencyKey();
  const navigate = useNavigate();
  const now = useNow();
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? '');
  const selectId = useId();
  const open = tender.status === 'open' && !hasClosed(tender, now);
  const supplier = suppliers.find((s) => s.id === supplierId) ?? suppliers[0];

  if (spos.isPending)
    return <LoadingMessage>Looking for your Social Purchase Order…</LoadingMessage>;
  if (spos.isError) {
    return <QueryError title="Your Social Purchase Order could not be looked up" query={spos} />;
  }
  const existing = spos.data.find((spo) => spo.supplier.id === supplier?.id);

  function handlePrepare() {
    if (!supplier) return;
    const body = { supplierId: supplier.id };
    create.mutate(
      { ...body, idempotencyKey: idempotency.keyFor(body) },
      { onSuccess: (spoId) => void navigate(`/spos/${encodeURIComponent(spoId)}`) },
    );
  }

  return (
    <div className="activity-actions" data-testid="supplier-spo-action">
      {suppliers.length > 1 ? (
        <div className="acting-for">
          <label htmlFor={selectId}>Supplier</label>
          <select
            id={selectId}
            value={supplier?.id ?? ''}
            onChange={(event) => setSupplierId(event.target.value)}
          >
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {existing ? (
        <p className="activity-actions__row">
          <Link
            className="button"
            to={`/spos/${encodeURIComponent(existing.id)}`}
            data-testid="open-spo"
          >
            {open ? 'Open your Social Purchase Order' : 'View your Social Purchase Order'}
          </Link>
          <span className="muted">
            {supplier?.name}: {SPO_STATUS_LABELS[existing.status]}
            {existing.version > 0 ? `, version ${existing.version}` : ''}
          </span>
        </p>
      ) : null}
      {!existing && open ? (
        <div className="activity-actions__row">
          <button
            type="button"
            className="button"
            data-testid="prepare-spo"
            onClick={handlePrepare}
            disabled={create.isPending}
          >
            {create.isPending ? 'Preparing…' : 'Prepare a Social Purchase Order'}
          </button>
          <span className="muted">
            Commit support to community activities in this tender’s territories, as {supplier?.name}
            .
          </span>
        </div>
      ) : null}
      {open ? (
        <p className="activity-actions__row">
          <Link
            className="button button--secondary"
            to={`/tenders/${encodeURIComponent(tender.id)}/matches`}
            data-testid="tender-matches-link"
          >
            Find matching activities
          </Link>
          <span className="muted">
            Ranked by this tender’s local priorities, with a suggestion that fills the baseline.
          </span>
        </p>
      ) : null}
      {!existing && !open ? (
        <p className="muted">Bids are closed: {supplier?.name} did not prepare an SPO.</p>
      ) : null}
      {create.isError ? (
        <ErrorMessage title="The Social Purchase Order was not started" error={create.error} />
      ) : null}
    </div>
  );
}
