import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { scores } from '@shared/social-value';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { formatGbpToPenny } from '../../lib/money-format';
import { VerifiedBadge } from '../activities/ActivityBadges';
import { formatDate } from '../activities/activity-format';
import { useAwardTender } from '../tenders/tenders.queries';
import { BandBadge } from '../tenders/TenderBadges';
import { describeFlag } from './spo-labels';
import { useSetSpoCredibility, useTenderSpos } from './spos.queries';
import { SpoStatusBadge } from './SpoSummary';

const scoreFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Marking an SPO not credible (which scores it 0) needs a reason; marking it credible again does not. */
function Credibility({ spo, closedForChange }: { spo: SpoView; closedForChange: boolean }) {
  const mark = useSetSpoCredibility(spo.id);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';

  function handleToggle() {
    mark.reset();
    setTried(false);
  }

  function handleMarkNotCredible() {
    setTried(true);
    if (missing) return;
    mark.mutate({ credible: false, reason: reason.trim() });
  }

  // Once awarded, the evaluation stands as it was: no action.
  let action: ReactNode = null;
  if (!closedForChange && spo.credible) {
    action = (
      <ConfirmAction
        label="Mark not credible"
        question={`Mark ${spo.supplier.name}’s SPO not credible? It then scores 0 and the others are rescored.`}
        confirmLabel="Mark not credible"
        pendingLabel="Marking…"
        pending={mark.isPending}
        onConfirm={handleMarkNotCredible}
        onToggle={handleToggle}
        danger
        testId="mark-not-credible"
      >
        <TextAreaField
          label="Reason"
          name="reason"
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={tried && missing ? 'Say why it is not credible' : undefined}
        />
      </ConfirmAction>
    );
  } else if (!closedForChange) {
    action = (
      <button
        type="button"
        className="button button--secondary button--small"
        data-testid="mark-credible"
        onClick={() => mark.mutate({ credible: true, reason: '' })}
        disabled={mark.isPending}
      >
        {mark.isPending ? 'Marking…' : 'Mark credible again'}
      </button>
    );
  }

  return (
    <div className="evaluation__credibility">
      {spo.credible ? (
        <span className="badge badge--ok">Credible</span>
      ) : (
        <>
          <span className="badge badge--warning">Not credible</span>
          {spo.credibilityReason ? (
            <p className="evaluation__reason">{spo.credibilityReason}</p>
          ) : null}
        </>
      )}
      {action}
      {mark.isError ? <ErrorMessage title="The mark was not changed" error={mark.error} /> : null}
    </div>
  );
}

function Award({ spo, tender }: { spo: SpoView; tender: TenderView }) {
  const award = useAwardTender(tender.id);
  const [contractStart, setContractStart] = useState(tender.startDate);
  const blocked = !spo.credible;
  return (
    <div className="evaluation__award">
      <ConfirmAction
        label="Award to this supplier"
        question={`Award the contract to ${spo.supplier.name}? This is final: every other SPO becomes not awarded, and the winner’s activities show it as a supporter.`}
        confirmLabel="Yes, award the contract"
        pendingLabel="Awarding…"
        pending={award.isPending}
        onConfirm={() => award.mutate({ spoId: spo.id, contractStart: contractStart || undefined })}
        onToggle={() => award.reset()}
        disabled={blocked}
        testId="award-button"
        confirmTestId="award-confirm"
      >
        <TextField
          label="Contract starts"
          name="contractStart"
          type="date"
          hint={`The tender says ${formatDate(tender.startDate)}.`}
          value={contractStart}
          onChange={(event) => setContractStart(event.target.value)}
        />
      </ConfirmAction>
      {blocked ? (
        <p className="form__note">Marked not credible: mark it credible again to award it.</p>
      ) : null}
      {award.isError ? (
        <ErrorMessage title="The contract was not awarded" error={award.error} />
      ) : null}
    </div>
  );
}

/**
 * The buyer's evaluation after closing: every SPO with its rate per £1m, compliance, band,
 * TOMs value, score and flags, highest score first; marking SPOs not credible, and awarding.
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
    // The server's scores when it gives them; the same arithmetic otherwise.
    const computed = scores(
      tender.weightingPct,
      spos.data.map((spo) => ({
        id: spo.id,
        ratePencePerMillion: spo.figures.ratePencePerMillion,
        compliant: spo.figures.compliant,
        credible: spo.credible,
      })),
    );
    const rows = spos.data
      .map((spo) => ({ spo, score: spo.score ?? computed.get(spo.id) ?? 0 }))
      .sort((a, b) => b.score - a.score);
    body = (
      <div className="table-scroll">
        <table className="table evaluation-table" data-testid="evaluation-table">
          <caption className="visually-hidden">Social Purchase Orders, highest score first</caption>
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col" className="table__number">
                Rate per £1m
              </th>
              <th scope="col">Compliance</th>
              <th scope="col">Band</th>
              <th scope="col" className="table__number">
                TOMs value a year
              </th>
              <th scope="col" className="table__number">
                Score (of {tender.weightingPct})
              </th>
              <th scope="col">Flags</th>
              <th scope="col">Credibility</th>
              {awarded ? null : <th scope="col">Award</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ spo, score }) => (
              <tr
                key={spo.id}
                data-testid="evaluation-row"
                data-spo-id={spo.id}
                data-score={score}
                className={spo.id === tender.awardedSpoId ? 'evaluation-table__winner' : undefined}
              >
                <th scope="row">
                  <Link to={`/spos/${encodeURIComponent(spo.id)}`}>{spo.supplier.name}</Link>{' '}
                  {spo.supplier.verified ? <VerifiedBadge /> : null}
                  <span className="evaluation__status">
                    <SpoStatusBadge status={spo.status} />
                  </span>
                </th>
                <td className="table__number">
                  {formatGbpToPenny(spo.figures.ratePencePerMillion)}
                  <span className="evaluation__sub">
                    {formatGbp(spo.figures.annualContributionPence)} a year
                  </span>
                </td>
                <td>
                  {spo.figures.compliant ? (
                    <span className="badge badge--ok">Meets the baseline</span>
                  ) : (
                    <span className="badge badge--warning">Below the baseline</span>
                  )}
                </td>
                <td>
                  <BandBadge band={spo.figures.band} />
                </td>
                <td className="table__number">{formatGbp(spo.figures.annualProxyPence)}</td>
                <td className="table__number">
                  <strong>{scoreFormat.format(score)}</strong>
                </td>
                <td>
                  {spo.flags.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="evaluation__flags">
                      {spo.flags.map((flag) => (
                        <li key={flag}>{describeFlag(flag)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <Credibility spo={spo} closedForChange={awarded} />
                </td>
                {awarded ? null : (
                  <td>
                    {spo.status === 'submitted' ? (
                      <Award spo={spo} tender={tender} />
                    ) : (
                      <span className="muted">Not submitted</span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
    </section>
  );
}
