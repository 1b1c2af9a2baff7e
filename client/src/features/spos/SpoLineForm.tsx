import { useId, type FormEvent, type RefObject } from 'react';
import { Link } from 'react-router-dom';
import { SpoLineInput, LineKinds, type LineKind } from '@shared/schemas/tenders';
import type { MeasureView } from '@shared/schemas/toms';
import { formatGbp } from '@shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryError } from '../../components/QueryState';
import { FormProblems } from '../../components/FormProblems';
import { FieldError } from '../../components/FieldError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { check, useFormErrors, type FieldErrors } from '../../lib/form-errors';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { useActivity } from '../activities/activities.queries';
import { describeStatus, formatDecimalGbp, pluralise } from '../activities/activity-format';
import { useTomsMeasures } from '../toms/toms.queries';
import { LINE_KIND_LABELS } from './spo-labels';
import {
  EMPTY_LINE_DRAFT,
  findMeasure,
  lineDraftToInput,
  measureValue,
  VOLUNTEERING_MEASURE,
  type LineDraft,
} from './spo-line-draft';
import { useAddSpoLine } from './spos.queries';
import { FrameworkCredit } from '../toms/FrameworkCredit';

const KIND_HINTS: Record<LineKind, string> = {
  cash: 'Money paid to the activity each year.',
  in_kind: 'Goods, space or services given each year, at their value.',
  volunteering: 'Staff hours given each year; valued with the TOMs volunteering proxy.',
  measure: 'A quantity of a National TOMs measure delivered through the activity each year.',
};

const LABELS: Record<string, string> = {
  activityId: 'Activity',
  kind: 'Kind',
  annualPence: 'Amount',
  description: 'What is given',
  annualHours: 'Hours',
  measure: 'TOMs measure',
  annualQuantity: 'Quantity',
};

/** The parsed line when the draft is valid, and its messages keyed by field. */
export function checkLineDraft(
  draft: LineDraft,
  activityId: string,
): { data: SpoLineInput | undefined; errors: FieldErrors } {
  const { input, notes } = lineDraftToInput(draft, activityId);
  const parsed = check(SpoLineInput, input);
  // `measure.code` and the like are reported on the field they belong to.
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries({ ...parsed.errors, ...notes })) {
    const field = path.split('.')[0] ?? path;
    errors[field] ??= message;
  }
  return { data: Object.keys(errors).length === 0 ? parsed.data : undefined, errors };
}

function MeasureOptions({
  measures,
  evidenced,
}: {
  measures: MeasureView[];
  evidenced: { framework: string; code: string }[];
}) {
  const keys = new Set(evidenced.map(measureValue));
  const first = measures.filter((m) => keys.has(measureValue(m)));
  const rest = measures.filter((m) => !keys.has(measureValue(m)));
  const option = (m: MeasureView) => (
    <option key={measureValue(m)} value={measureValue(m)}>
      {m.code}: {m.measure} ({formatDecimalGbp(m.proxyValueGbp)} per {m.unit})
    </option>
  );
  return (
    <>
      {first.length > 0 ? (
        <optgroup label="Evidenced by this activity">{first.map(option)}</optgroup>
      ) : null}
      <optgroup label={first.length > 0 ? 'Other measures' : 'All measures'}>
        {rest.map(option)}
      </optgroup>
    </>
  );
}

interface SpoLineFormProps {
  spoId: string;
  activity: { id: string; title: string };
  draft: LineDraft;
  onChange: (draft: LineDraft) => void;
  /** A submitted SPO becomes a draft again when a line is added. */
  submitted: boolean;
  onAdded: () => void;
  onCancel: () => void;
  /** The heading, which takes the focus when an activity is chosen. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/**
 * Commits support to one chosen activity: cash, in kind (with what is given), volunteering
 * hours, or a quantity of a TOMs measure. The draft lives with the page, so the figures
 * beside it count it in as it is typed.
 */
export function SpoLineForm({
  spoId,
  activity,
  draft,
  onChange,
  submitted,
  onAdded,
  onCancel,
  headingRef,
}: SpoLineFormProps) {
  const details = useActivity(activity.id);
  const measures = useTomsMeasures();
  const addLine = useAddSpoLine(spoId);
  const idempotency = useIdempotencyKey();
  const id = useId();
  const parsed = checkLineDraft(draft, activity.id);
  const { formRef, errors, submit, showServerErrors, reset } = useFormErrors(draft, parsed.errors);
  const chosenMeasure = findMeasure(measures.data, draft.measure);
  const nt29 = findMeasure(measures.data, measureValue(VOLUNTEERING_MEASURE));

  function change(changes: Partial<LineDraft>) {
    onChange({ ...draft, ...changes });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    addLine.reset();
    if (!submit() || !parsed.data) return;
    const line = parsed.data;
    addLine.mutate(
      { line, idempotencyKey: idempotency.keyFor(line) },
      {
        onSuccess: () => {
          idempotency.forget();
          reset();
          onChange({ ...EMPTY_LINE_DRAFT, kind: draft.kind });
          onAdded();
        },
        onError: (error) => showServerErrors(error),
      },
    );
  }

  const a = details.data;
  return (
    <form
      ref={formRef}
      className="form form--inline spo-line-form"
      onSubmit={handleSubmit}
      noValidate
      data-testid="spo-line-form"
    >
      <h3 ref={headingRef} tabIndex={-1} className="spo-line-form__heading">
        Commit support to{' '}
        <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
      </h3>
      {details.isError ? (
        <QueryError title="The activity’s details could not be loaded" query={details} />
      ) : null}
      {a ? (
        <dl className="details spo-line-form__activity">
          <dt>Provider</dt>
          <dd>{a.provider.name}</dd>
          <dt>Status</dt>
          <dd>{describeStatus(a.status, a.atRiskUntil)}</dd>
          <dt>Needs</dt>
          <dd>
            {formatGbp(a.needs.fundingGapPence)} funding gap;{' '}
            {pluralise(a.needs.volunteerHoursPerYear, 'volunteer hour')} a year
            {a.needs.inKind.length > 0 ? `; in kind: ${a.needs.inKind.join(', ')}` : ''}
          </dd>
          <dt>Capacity</dt>
          <dd>
            {a.capacityPence > 0
              ? `${formatGbp(a.capacityPence)} of support a year in all`
              : 'Not stated'}
          </dd>
        </dl>
      ) : null}
      {submitted ? (
        <p className="notice notice--warning">
          Your SPO is submitted: adding a line makes it a draft again, to be submitted again before
          the tender closes.
        </p>
      ) : null}
      <FormProblems errors={errors} labelOf={(path) => LABELS[path] ?? 'The line'} />

      <fieldset className="fieldset" aria-describedby={`${id}-kind-hint`}>
        <legend className="field__label">What you commit</legend>
        <div className="spo-line-form__kinds">
          {LineKinds.map((kind) => (
            <label key={kind} className="radio">
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => change({ kind })}
              />
              {LINE_KIND_LABELS[kind]}
            </label>
          ))}
        </div>
        <p id={`${id}-kind-hint`} className="field__hint">
          {KIND_HINTS[draft.kind]}
        </p>
      </fieldset>

      {draft.kind === 'cash' || draft.kind === 'in_kind' ? (
        <TextField
          label={draft.kind === 'cash' ? 'Amount a year, £' : 'Value a year, £'}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          value={draft.amount}
          onChange={(event) => change({ amount: event.target.value })}
          error={errors.annualPence}
        />
      ) : null}
      {draft.kind === 'in_kind' ? (
        <TextField
          label="What is given"
          name="description"
          autoComplete="off"
          maxLength={300}
          hint="Such as “a minibus two days a week” or “meeting room”."
          value={draft.description}
          onChange={(event) => change({ description: event.target.value })}
          error={errors.description}
        />
      ) : null}
      {draft.kind === 'volunteering' ? (
        <TextField
          label="Hours a year"
          name="hours"
          inputMode="numeric"
          autoComplete="off"
          hint={
            nt29
              ? `Valued at ${formatDecimalGbp(nt29.proxyValueGbp)} an hour (TOMs ${nt29.code}).`
              : undefined
          }
          value={draft.hours}
          onChange={(event) => change({ hours: event.target.value })}
          error={errors.annualHours}
        />
      ) : null}
      {draft.kind === 'measure' ? (
        <>
          {measures.isError ? (
            <QueryError title="The TOMs measures could not be loaded" query={measures} />
          ) : null}
          <SelectField
            label="TOMs measure"
            name="measure"
            value={draft.measure}
            onChange={(event) => change({ measure: event.target.value })}
            disabled={measures.isPending}
            error={errors.measure}
          >
            <option value="">
              {measures.isPending ? 'Loading measures…' : 'Choose a measure'}
            </option>
            {measures.data ? (
              <MeasureOptions measures={measures.data} evidenced={a?.measures ?? []} />
            ) : null}
          </SelectField>
          <TextField
            label="Quantity a year"
            name="quantity"
            inputMode="decimal"
            autoComplete="off"
            hint={chosenMeasure ? `In ${chosenMeasure.unit}.` : undefined}
            value={draft.quantity}
            onChange={(event) => change({ quantity: event.target.value })}
            error={errors.annualQuantity}
          />
        </>
      ) : null}
      <FieldError id={`${id}-activity`} label="Activity" message={errors.activityId} />

      <FrameworkCredit />
      <div className="form__actions">
        <button
          type="submit"
          className="button"
          disabled={addLine.isPending}
          data-testid="spo-add-line"
        >
          {addLine.isPending ? 'Adding…' : 'Add the line'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Choose another activity
        </button>
      </div>
      <p className="form__note">
        The activity’s provider is asked to accept the line; every line must be accepted before you
        can submit.
      </p>
      {addLine.isError ? (
        <ErrorMessage title="The line was not added" error={addLine.error} />
      ) : null}
    </form>
  );
}
