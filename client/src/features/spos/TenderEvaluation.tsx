import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { scores } from '@shared/social-value';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { formatGbpToPenny } from '../../lib/money-format';
import { VerifiedBadge } from '../activities/ActivityBadges';
import { BandBadge } from '../tenders/TenderBadges';
import { CancelTender } from '../tenders/TenderBuyerActions';
import { AwardContract, type ScoredSpo } from './AwardContract';
import { formatScore } from './spo-figures';
import { describeFlag } from './spo-labels';
import { useSetSpoCredibility, useTenderSpos } from './spos.queries';
import { SpoStatusBadge } from './SpoSummary';
import './evaluation.css';

// The table turns into stacked cards on narrow screens (evaluation.css). Some browsers drop a
// table's semantics once its parts are no longer displayed as a table, so the roles are given.
const COLUMNS = 8;

/**
 * One figure of an SPO's row, named by its column for the stacked cards of narrow screens
 * (the name beside the value, whatever the value holds).
 */
function Cell({
  label,
  number = false,
  children,
}: {
  label: string;
  number?: boolean;
  children: ReactNode;
}) {
  return (
    <td role="cell" className={number ? 'table__number' : undefined} data-label={label}>
      <div className="evaluation-table__value">{children}</div>
    </td>
  );
}

interface EvaluationRowProps {
  row: ScoredSpo;
  tender: TenderView;
  awarded: boolean;
}

/**
 * One SPO's row. Marking it not credible (which scores it 0) asks for a reason in a row of its
 * own under it, the whole table's width, rather than inside the narrow Credibility column;
 * marking it credible again needs no reason.
 */
function EvaluationRow({ row: { spo, score }, tender, awarded }: EvaluationRowProps) {
  const mark = useSetSpoCredibility(spo.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const actionRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLFormElement>(null);
  const moved = useRef(false);
  const questionId = useId();
  const missing = reason.trim() === '';

  // The focus follows the question in and back out to the button, whatever it now says.
  useEffect(() => {
    if (!moved.current) return;
    if (asking) questionRef.current?.querySelector('textarea')?.focus();
    else actionRef.current?.focus();
  }, [asking]);

  function ask(next: boolean) {
    moved.current = true;
    mark.reset();
    setTried(false);
    setAsking(next);
  }

  function handleAction() {
    if (spo.credible) ask(!asking);
    else mark.mutate({ credible: true, reason: '' });
  }

  function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (missing) return;
    mark.mutate({ credible: false, reason: reason.trim() }, { onSuccess: () => setAsking(false) });
  }

  let actionLabel = spo.credible ? 'Mark not credible' : 'Mark credible again';
  if (mark.isPending && !asking) actionLabel = 'Marking…';

  return (
    <>
      <tr
        role="row"
        data-testid="evaluation-row"
        data-spo-id={spo.id}
        data-score={score}
        className={spo.id === tender.awardedSpoId ? 'evaluation-table__winner' : undefined}
      >
        <th scope="row" role="rowheader" className="evaluation-table__supplier">
          <Link to={`/spos/${encodeURIComponent(spo.id)}`}>{spo.supplier.name}</Link>{' '}
          {spo.supplier.verified ? <VerifiedBadge /> : null}
          <span className="evaluation__status">
            <SpoStatusBadge status={spo.status} />
          </span>
        </th>
        <Cell number label="Rate per £1m">
          {formatGbpToPenny(spo.figures.ratePencePerMillion)}
          <span className="evaluation__sub">
            {formatGbp(spo.figures.annualContributionPence)} a year
          </span>
        </Cell>
        <Cell label="Compliance">
          {spo.figures.compliant ? (
            <span className="badge badge--ok">Meets the baseline</span>
          ) : (
            <span className="badge badge--warning">Below the baseline</span>
          )}
        </Cell>
        <Cell label="Band">
          <BandBadge band={spo.figures.band} />
        </Cell>
        <Cell number label="TOMs value a year">
          {formatGbp(spo.figures.annualProxyPence)}
        </Cell>
        <Cell number label={`Score (of ${tender.weightingPct})`}>
          <strong>{formatScore(score)}</strong>
        </Cell>
        <Cell label="Flags">
          {spo.flags.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="evaluation__flags">
              {spo.flags.map((flag) => (
                <li key={flag}>{describeFlag(flag)}</li>
              ))}
            </ul>
          )}
        </Cell>
        <Cell label="Credibility">
          <div className="evaluation__credibility">
            {spo.credible ? (
              <span className="badge badge--ok">Credible</span>
            ) : (
              <span className="badge badge--warning">Not credible</span>
            )}
            {!spo.credible && spo.credibilityReason ? (
              <p className="evaluation__reason">{spo.credibilityReason}</p>
            ) : null}
            {/* Once awarded, the evaluation stands as it was: no action. */}
            {awarded ? null : (
              <button
                ref={actionRef}
                type="button"
                className={`button button--small ${spo.credible ? 'button--warning' : 'button--secondary'}`}
                data-testid={spo.credible ? 'mark-not-credible' : 'mark-credible'}
                aria-expanded={spo.credible ? asking : undefined}
                onClick={handleAction}
                disabled={mark.isPending}
              >
                {actionLabel}
                <span className="visually-hidden">: {spo.supplier.name}</span>
              </button>
            )}
            {mark.isError && !asking ? (
              <ErrorMessage title="The mark was not changed" error={mark.error} focus />
            ) : null}
          </div>
        </Cell>
      </tr>
      {asking ? (
        <tr role="row" className="evaluation-table__question">
          <td role="cell" colSpan={COLUMNS}>
            <form
              ref={questionRef}
              className="confirm confirm--form"
              aria-labelledby={questionId}
              onSubmit={handleConfirm}
              noValidate
              data-testid="credibility-question"
            >
              <p id={questionId} className="confirm__question">
                Mark {spo.supplier.name}’s SPO not credible? It then scores 0 and the others are
                rescored.
              </p>
              <TextAreaField
                label="Reason"
                name="reason"
                hint="Kept with the evaluation, for the supplier and auditors."
                rows={2}
                maxLength={1000}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                error={tried && missing ? 'Enter why it is not credible' : undefined}
              />
              <div className="confirm__buttons">
                <button
                  type="submit"
                  className="button button--danger"
                  data-testid="mark-not-credible-confirm"
                  disabled={mark.isPending}
                >
                  {mark.isPending ? 'Marking…' : 'Mark not credible'}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => ask(false)}
                  disabled={mark.isPending}
                >
                  Not now
                </button>
              </div>
              {mark.isError ? (
                <ErrorMessage title="The mark was not changed" error={mark.error} focus />
              ) : null}
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * The buyer's evaluation after closing: every SPO with its rate per £1m, compliance, band,
 * TOMs value, score and flags, highest score first (a table, stacked cards on narrow
 * screens); marking SPOs not credible; then awarding, the main action, as a form step with a
 * check before it is made; and cancelling, quieter, last.
 */
export function TenderEvaluation({ tender }: { tender: TenderView }) {
  const spos = useTenderSpos(tender.id);
  const headingId = useId();
  const awarded = tender.status === 'awarded';

  let body;
  if (spos.isPending) {
    body = <LoadingMessage>Loading the Social Purchase Orders…</LoadingMessage>;
  } else if (spos.isError) {
    body = <QueryError title="The Social Purchase Orders could not be loaded" query={spos} />;
  } else if (spos.data.length === 0) {
    body = <p className="muted">No supplier submitted a Social Purchase Order for this tender.</p>;
  } else {
    const rows = scoredSpos(tender, spos.data);
    body = (
      <>
        <div className="table-scroll evaluation-table__frame">
          <table className="table evaluation-table" role="table" data-testid="evaluation-table">
            <caption className="visually-hidden">
              Social Purchase Orders, highest score first
            </caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Supplier
                </th>
                <th scope="col" role="columnheader" className="table__number">
                  Rate per £1m
                </th>
                <th scope="col" role="columnheader">
                  Compliance
                </th>
                <th scope="col" role="columnheader">
                  Band
                </th>
                <th scope="col" role="columnheader" className="table__number">
                  TOMs value a year
                </th>
                <th scope="col" role="columnheader" className="table__number">
                  Score (of {tender.weightingPct})
                </th>
                <th scope="col" role="columnheader">
                  Flags
                </th>
                <th scope="col" role="columnheader">
                  Credibility
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {rows.map((row) => (
                <EvaluationRow key={row.spo.id} row={row} tender={tender} awarded={awarded} />
              ))}
            </tbody>
          </table>
        </div>
        {awarded ? null : <AwardContract tender={tender} rows={rows} />}
      </>
    );
  }

  return (
    <section className="section" aria-labelledby={headingId} data-testid="tender-evaluation">
      <h3 id={headingId}>Evaluation</h3>
      <p>
        Each SPO scores the weighting × its rate ÷ the highest rate among compliant, credible SPOs;
        one marked not credible scores 0.{' '}
        {awarded ? 'The contract is awarded: the evaluation is closed.' : null}
      </p>
      {body}
      {awarded || tender.status === 'cancelled' ? null : (
        <div className="evaluation__cancel">
          <h4>End the tender without an award</h4>
          <p>If no SPO should win, cancel the tender: every SPO lapses and nothing is awarded.</p>
          <CancelTender tender={tender} />
        </div>
      )}
    </section>
  );
}

/** The SPOs with their scores (the server's when it gives them, else the same arithmetic), highest first. */
function scoredSpos(tender: TenderView, spos: SpoView[]): ScoredSpo[] {
  const computed = scores(
    tender.weightingPct,
    spos.map((spo) => ({
      id: spo.id,
      ratePencePerMillion: spo.figures.ratePencePerMillion,
      compliant: spo.figures.compliant,
      credible: spo.credible,
    })),
  );
  return spos
    .map((spo) => ({ spo, score: spo.score ?? computed.get(spo.id) ?? 0 }))
    .sort((a, b) => b.score - a.score);
}
