import { Link, useNavigate } from 'react-router-dom';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/date-time';
import { receiptState } from '../../lib/receipt';
import { useNow } from '../../lib/use-now';
import { hasClosed } from '../tenders/TenderBadges';
import { FrameworkCredit } from '../toms/FrameworkCredit';
import { liveFigures } from './spo-figures';
import { LINE_KIND_LABELS } from './spo-labels';
import { SpoFiguresPanel } from './SpoFiguresPanel';
import { describeCommitment } from './SpoLinesTable';
import { submitBlocker } from './SpoSubmitPanel';
import { useSubmitSpo } from './spos.queries';
import './spo-check.css';

const spoPath = (spo: SpoView) => `/spos/${encodeURIComponent(spo.id)}`;

/** The lines as they will be sealed, each with a link back to it in the builder. */
function CheckedLines({ spo }: { spo: SpoView }) {
  return (
    <div className="table-scroll">
      <table className="table spo-lines" data-testid="spo-check-lines">
        <caption className="visually-hidden">The lines you are about to seal</caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Kind</th>
            <th scope="col">Commitment</th>
            <th scope="col" className="table__number">
              TOMs value a year
            </th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {spo.lines.map((line) => (
            <tr key={line.id} data-testid="spo-check-line">
              <th scope="row">
                {line.activity.title}
                <span className="spo-lines__provider">{line.activity.providerName}</span>
              </th>
              <td>{LINE_KIND_LABELS[line.kind]}</td>
              <td>{describeCommitment(line)}</td>
              <td className="table__number">
                {line.annualProxyPence > 0 ? formatGbp(line.annualProxyPence) : '—'}
              </td>
              <td>
                <Link to={{ pathname: spoPath(spo), hash: `line-${line.id}` }}>
                  Change<span className="visually-hidden"> the line for {line.activity.title}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {spo.lines.some((line) => line.annualProxyPence > 0) ? <FrameworkCredit /> : null}
    </div>
  );
}

/**
 * Check your answers before an SPO is sealed (`/spos/:id/check`), in the GOV.UK manner: the
 * lines, the figures against the tender's baseline and bands, and what sealing means, then
 * "Seal and submit". Sealed, it goes back to the SPO with the receipt.
 */
export function SpoCheck({ spo, tender }: { spo: SpoView; tender: TenderView }) {
  const submit = useSubmitSpo(spo.id);
  const navigate = useNavigate();
  const now = useNow();
  const closed = hasClosed(tender, now);
  const blocker = spo.status === 'draft' ? submitBlocker(spo, closed) : undefined;

  function handleSeal() {
    submit.reset();
    submit.mutateAsync().then(
      () => navigate(spoPath(spo), { replace: true, state: receiptState('spo-submitted') }),
      // The failure is shown from the mutation's state.
      () => undefined,
    );
  }

  // Sealed, it stays as checked for the moment until the receipt replaces it.
  if (!submit.isSuccess && (spo.status !== 'draft' || blocker)) {
    return (
      <div data-testid="spo-check">
        <h2>Check your Social Purchase Order</h2>
        <p className="notice notice--warning">
          {blocker ??
            (spo.status === 'submitted'
              ? 'This version is already sealed and submitted.'
              : 'This Social Purchase Order can no longer be submitted.')}
        </p>
        <p>
          <Link to={spoPath(spo)}>Back to your Social Purchase Order</Link>
        </p>
      </div>
    );
  }

  const next = submit.isSuccess ? spo.version : spo.version + 1;
  return (
    <div className="spo-check" data-testid="spo-check">
      <h2>Check your Social Purchase Order before you seal it</h2>
      <p className="page__intro">
        For <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>{tender.title}</Link> (
        {tender.buyer.name}), as <strong>{spo.supplier.name}</strong>.
      </p>

      <section className="section" aria-labelledby="spo-check-lines-heading">
        <h3 id="spo-check-lines-heading">Lines</h3>
        <CheckedLines spo={spo} />
      </section>

      <div className="section spo-check__figures">
        <SpoFiguresPanel
          figures={liveFigures(tender, spo.figures)}
          durationYears={tender.durationYears}
        />
      </div>

      <section className="section" aria-labelledby="spo-check-sealing-heading">
        <h3 id="spo-check-sealing-heading">What sealing means</h3>
        <ul className="spo-check__sealing">
          <li>
            These lines and figures are sealed as <strong>version {next}</strong>, with the time and
            a content hash (SHA-256), so that anyone can check later that they did not change.
          </li>
          <li>
            {tender.buyer.name} sees it only once bids close, {formatDateTime(tender.closesAt)}, and
            scores it against the other suppliers’ SPOs. Other suppliers never see it.
          </li>
          <li>It becomes public only if the contract is awarded to {spo.supplier.name}.</li>
          <li>
            Until bids close you can change it, and then submit it again. Until the award you can
            withdraw it, for good.
          </li>
        </ul>
      </section>

      {submit.isError ? (
        <ErrorMessage title="The SPO was not submitted" error={submit.error} focus />
      ) : null}
      <div className="form__actions spo-check__actions">
        <button
          type="button"
          className="button spo-check__seal"
          data-testid="spo-seal"
          onClick={handleSeal}
          disabled={submit.isPending}
        >
          {submit.isPending ? 'Sealing…' : 'Seal and submit'}
        </button>
        <Link className="button button--secondary" to={spoPath(spo)}>
          Back to the lines
        </Link>
      </div>
    </div>
  );
}
