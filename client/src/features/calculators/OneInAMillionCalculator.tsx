import { useId, useState, type FormEvent } from 'react';
import { OneInAMillionQuery } from '@shared/schemas/tenders';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { TextField } from '../../components/TextField';
import { check, useFormErrors, type FieldErrors } from '../../lib/form-errors';
import { formatGbpToPenny } from '../../lib/money-format';
import { formatDate, pluralise } from '../activities/activity-format';
import { useOneInAMillion, type OneInAMillionParams } from './calculators.queries';

interface Draft {
  annualContractValue: string;
  ratePerMillion: string;
  years: string;
  startDate: string;
}

const EMPTY: Draft = { annualContractValue: '', ratePerMillion: '', years: '', startDate: '' };

/** "£1,500,000.50" as typed becomes "1500000.50", which is what the API reads. */
function cleanPounds(text: string): string {
  return text.replace(/[£,\s]/g, '');
}

/** The draft as the API's query, and what to say about blanks before the schema speaks. */
function toParams(draft: Draft): { params: OneInAMillionParams; notes: FieldErrors } {
  const notes: FieldErrors = {};
  if (!draft.annualContractValue.trim()) {
    notes.annualContractValue = 'Enter the contract’s value a year in pounds';
  }
  if (!draft.ratePerMillion.trim()) notes.ratePerMillion = 'Enter the rate in pounds per £1m';
  if (!draft.years.trim()) notes.years = 'Enter how many years the contract runs';
  return {
    params: {
      annualContractValue: cleanPounds(draft.annualContractValue),
      ratePerMillion: cleanPounds(draft.ratePerMillion),
      years: draft.years.trim(),
      startDate: draft.startDate || undefined,
    },
    notes,
  };
}

function Answer({ params }: { params: OneInAMillionParams }) {
  const answer = useOneInAMillion(params);
  const captionId = useId();

  if (answer.isPending) return <LoadingMessage>Calculating…</LoadingMessage>;
  if (answer.isError) {
    return <QueryError title="The commitment could not be calculated" query={answer} />;
  }
  const a = answer.data;
  return (
    <div className="calculator__answer" aria-live="polite">
      <p className="calculator__headline">
        At {formatGbpToPenny(a.ratePerMillionPence)} a year for each £1m, a contract worth{' '}
        {formatGbpToPenny(a.annualContractValuePence)} a year commits{' '}
        <strong data-testid="calculator-oiam-annual" data-pence={a.annualContributionPence}>
          {formatGbpToPenny(a.annualContributionPence)}
        </strong>{' '}
        a year: <strong>{formatGbpToPenny(a.totalPence)}</strong> over {pluralise(a.years, 'year')}.
      </p>
      <table className="table" aria-labelledby={captionId}>
        <caption id={captionId} className="table__caption">
          Payment schedule: one payment on each anniversary of the contract’s start
        </caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Due</th>
            <th scope="col" className="table__number">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {a.schedule.map((payment) => (
            <tr key={payment.year}>
              <td>{payment.year}</td>
              <td>
                {payment.due
                  ? formatDate(payment.due)
                  : `Anniversary ${payment.year} of the start date`}
              </td>
              <td className="table__number">{formatGbpToPenny(payment.amountPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="table__number">
              <strong>{formatGbpToPenny(a.totalPence)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * The One in a Million calculator: what a rate per £1m of annual contract value asks of a
 * contract a year and over its life, answered by the server with the same arithmetic
 * tenders use.
 */
export function OneInAMillionCalculator() {
  const [draft, setDraft] = useState(EMPTY);
  const [asked, setAsked] = useState<OneInAMillionParams | undefined>(undefined);
  const headingId = useId();
  const { params, notes } = toParams(draft);
  const parsed = check(OneInAMillionQuery, params);
  const { formRef, errors, submit } = useFormErrors(draft, { ...parsed.errors, ...notes });

  function change(changes: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...changes }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submit()) return;
    setAsked(params);
  }

  return (
    <section
      className="section calculator"
      aria-labelledby={headingId}
      data-testid="calculator-oiam"
    >
      <h3 id={headingId}>One in a Million</h3>
      <p>
        A commitment of so many pounds a year for every £1m a contract is worth a year, paid to
        community activities. Part millions count pro rata: a £1.5m contract at £5,000 per £1m
        commits £7,500 a year.
      </p>
      <form ref={formRef} className="form calculator__form" onSubmit={handleSubmit} noValidate>
        <div className="form__grid">
          <TextField
            label="Contract value a year, £"
            name="annualContractValue"
            inputMode="decimal"
            autoComplete="off"
            hint="Such as 1500000 or 1,500,000."
            value={draft.annualContractValue}
            onChange={(event) => change({ annualContractValue: event.target.value })}
            error={errors.annualContractValue}
          />
          <TextField
            label="Rate, £ a year per £1m"
            name="ratePerMillion"
            inputMode="decimal"
            autoComplete="off"
            hint="Such as 5000."
            value={draft.ratePerMillion}
            onChange={(event) => change({ ratePerMillion: event.target.value })}
            error={errors.ratePerMillion}
          />
          <TextField
            label="Years"
            name="years"
            inputMode="numeric"
            autoComplete="off"
            hint="How long the contract runs: 1 to 25."
            value={draft.years}
            onChange={(event) => change({ years: event.target.value })}
            error={errors.years}
          />
          <TextField
            label="Contract start date (optional)"
            name="startDate"
            type="date"
            hint="Gives each payment its due date."
            value={draft.startDate}
            onChange={(event) => change({ startDate: event.target.value })}
            error={errors.startDate}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            Calculate
          </button>
        </div>
      </form>
      {asked ? <Answer params={asked} /> : null}
    </section>
  );
}
