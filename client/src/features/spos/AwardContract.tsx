import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { AwardRequest, type SpoView, type TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldGroup } from '../../components/FieldGroup';
import { FormProblems } from '../../components/FormProblems';
import { TextField } from '../../components/TextField';
import { check, useFormErrors, type FieldErrors } from '../../lib/form-errors';
import { formatGbpToPenny } from '../../lib/money-format';
import { receiptState } from '../../lib/receipt';
import { VerifiedBadge } from '../activities/ActivityBadges';
import { formatDate, pluralise } from '../activities/activity-format';
import { BandBadge } from '../tenders/TenderBadges';
import { useAwardTender } from '../tenders/tenders.queries';
import { formatScore } from './spo-figures';

/** An SPO with its score, as the evaluation ranks them. */
export interface ScoredSpo {
  spo: SpoView;
  score: number;
}

const LABELS: Record<string, string> = {
  spoId: 'Who wins the contract',
  contractStart: 'Contract starts',
};

type Step = 'choose' | 'check';
/** Where the focus goes when a step shows: its heading, or the answer being changed. */
type FocusTarget = 'heading' | 'spoId' | 'contractStart';

interface AwardContractProps {
  tender: TenderView;
  /** Every SPO the buyer sees, highest score first. */
  rows: ScoredSpo[];
}

/**
 * Awarding, the evaluation's main action, in two steps: the question (which SPO wins, and
 * when the contract starts), then a check of the award, which is final and public, before it
 * is made. Made, the tender's page shows the receipt.
 */
export function AwardContract({ tender, rows }: AwardContractProps) {
  const award = useAwardTender(tender.id);
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('choose');
  const [spoId, setSpoId] = useState('');
  const [contractStart, setContractStart] = useState(tender.startDate);
  const sectionRef = useRef<HTMLElement>(null);
  const focusNext = useRef<FocusTarget | undefined>(undefined);
  const headingId = useId();
  const radioName = useId();

  const candidates = rows.filter(({ spo }) => spo.status === 'submitted');
  const chosen = candidates.find(({ spo }) => spo.id === spoId && spo.credible);
  const checked = check(AwardRequest, { spoId, contractStart: contractStart || undefined });
  const clientErrors: FieldErrors = {};
  if (!chosen) clientErrors.spoId = 'Choose the supplier to award the contract to';
  if (checked.errors.contractStart)
    clientErrors.contractStart = 'Enter the date the contract starts, such as 1 April 2027';
  const { formRef, errors, submit } = useFormErrors({ spoId, contractStart }, clientErrors);
  // A winner marked not credible (or withdrawn) since it was chosen sends the buyer back.
  const showing = step === 'check' && chosen ? chosen : undefined;
  const view: Step = showing ? 'check' : 'choose';

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = undefined;
    const section = sectionRef.current;
    const radio =
      section?.querySelector<HTMLElement>('input[type="radio"]:checked') ??
      section?.querySelector<HTMLElement>('input[type="radio"]:enabled');
    const element = {
      heading: section?.querySelector<HTMLElement>('h4'),
      spoId: radio,
      contractStart: section?.querySelector<HTMLElement>('input[type="date"]'),
    }[target];
    element?.focus();
  }, [view]);

  function go(next: Step, focus: FocusTarget) {
    focusNext.current = focus;
    award.reset();
    setStep(next);
  }

  function handleContinue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submit()) return;
    go('check', 'heading');
  }

  function handleAward() {
    if (!checked.data) return;
    // Not mutate's own onSuccess: the award closes the evaluation, which unmounts this form
    // before those callbacks would run.
    award.mutateAsync(checked.data).then(
      (awarded) =>
        navigate(`/tenders/${encodeURIComponent(awarded.id)}`, {
          replace: true,
          state: receiptState('tender-awarded'),
        }),
      // The failure is shown from the mutation's state.
      () => undefined,
    );
  }

  if (candidates.length === 0) return null;

  return (
    <section
      ref={sectionRef}
      className="award"
      aria-labelledby={headingId}
      data-testid="award"
      data-step={view}
    >
      {showing ? null : (
        <>
          <h4 id={headingId} tabIndex={-1}>
            Award the contract
          </h4>
          <form
            ref={formRef}
            className="form award__form"
            onSubmit={handleContinue}
            noValidate
            data-testid="award-form"
          >
            <FormProblems errors={errors} labelOf={(path) => LABELS[path] ?? 'The award'} />
            <FieldGroup
              legend="Who wins the contract?"
              hint="Highest score first. An SPO marked not credible cannot win: mark it credible again first."
              error={errors.spoId}
              className="award__choices"
            >
              {candidates.map(({ spo, score }) => (
                <label key={spo.id} className="radio award__choice">
                  <input
                    type="radio"
                    name={radioName}
                    value={spo.id}
                    checked={spoId === spo.id}
                    onChange={() => setSpoId(spo.id)}
                    disabled={!spo.credible}
                  />
                  <span>
                    <strong>{spo.supplier.name}</strong>: score {formatScore(score)} of{' '}
                    {tender.weightingPct}, {formatGbp(spo.figures.annualContributionPence)} a year
                    {spo.credible ? '' : ' (marked not credible)'}
                  </span>
                </label>
              ))}
            </FieldGroup>
            <TextField
              label="Contract starts"
              name="contractStart"
              type="date"
              hint={`The tender says ${formatDate(tender.startDate)}. The contract runs for ${pluralise(tender.durationYears, 'year')}.`}
              value={contractStart}
              onChange={(event) => setContractStart(event.target.value)}
              error={errors.contractStart}
            />
            <div className="form__actions">
              <button type="submit" className="button award__primary" data-testid="award-continue">
                Continue
              </button>
            </div>
          </form>
        </>
      )}

      {showing ? (
        <>
          <h4 id={headingId} tabIndex={-1}>
            Check the award before you make it
          </h4>
          <dl className="summary-list" data-testid="award-check">
            <div className="summary-list__row">
              <dt>Winner</dt>
              <dd>
                {showing.spo.supplier.name}{' '}
                {showing.spo.supplier.verified ? <VerifiedBadge /> : null}
              </dd>
              <dd className="summary-list__actions">
                <button type="button" className="link-button" onClick={() => go('choose', 'spoId')}>
                  Change<span className="visually-hidden"> the winner</span>
                </button>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Score</dt>
              <dd>
                {formatScore(showing.score)} of {tender.weightingPct}
                {showing === candidates[0] ? ', the highest' : ''}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Social value</dt>
              <dd>
                {formatGbp(showing.spo.figures.annualContributionPence)} a year (
                {formatGbpToPenny(showing.spo.figures.ratePencePerMillion)} per £1m){' '}
                <BandBadge band={showing.spo.figures.band} />
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Contract starts</dt>
              <dd>
                {formatDate(contractStart || tender.startDate)}, for{' '}
                {pluralise(tender.durationYears, 'year')}
              </dd>
              <dd className="summary-list__actions">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => go('choose', 'contractStart')}
                >
                  Change<span className="visually-hidden"> the start date</span>
                </button>
              </dd>
            </div>
          </dl>
          <div className="warning-text">
            <span className="warning-text__icon" aria-hidden="true">
              !
            </span>
            <p className="warning-text__text">
              <span className="visually-hidden">Warning: </span>
              <strong>The award is final and public.</strong> Every other SPO becomes not awarded;
              the award and {showing.spo.supplier.name}’s SPO are published, and its activities show
              it as a supporter.
            </p>
          </div>
          {award.isError ? (
            <ErrorMessage title="The contract was not awarded" error={award.error} focus />
          ) : null}
          <div className="form__actions award__actions">
            <button
              type="button"
              className="button award__primary"
              data-testid="award-confirm"
              onClick={handleAward}
              disabled={award.isPending}
            >
              {award.isPending ? 'Awarding…' : 'Award the contract'}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => go('choose', 'heading')}
              disabled={award.isPending}
            >
              Back
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
