import { useState } from 'react';
import { TenderCreate, TenderUpdate, type TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { annualContributionPence } from '@shared/social-value';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormProblems } from '../../components/FormProblems';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { localTimeZone } from '../../lib/date-time';
import { errorUnder, useCreateOrEditForm } from '../../lib/create-or-edit-form';
import { useNow } from '../../lib/use-now';
import { TerritoryPicker } from '../territories/TerritoryPicker';
import { TenderPriorityFields } from './TenderPriorityFields';
import {
  draftFromTender,
  emptyTenderDraft,
  tenderDraftToInput,
  tenderFieldLabel,
  type TenderDraft,
} from './tender-draft';
import { useCreateTender, useUpdateTender } from './tenders.queries';

/** What the baseline asks of the contract a year, once both figures read as money. */
function BaselinePreview({ input }: { input: Record<string, unknown> }) {
  const value = input.annualValuePence;
  const rate = input.baselinePencePerMillion;
  if (typeof value !== 'number' || typeof rate !== 'number' || value <= 0) return null;
  return (
    <p className="form__note" role="status" data-testid="tender-form-baseline">
      {formatGbp(rate)} a year per £1m asks{' '}
      <strong>{formatGbp(annualContributionPence(value, rate))} a year</strong> of this contract.
    </p>
  );
}

interface TenderFormProps {
  initial: TenderDraft;
  /** The tender being edited; a new draft is created when absent. */
  tenderId?: string | undefined;
  /** The buyers the person may create for (creating only). */
  buyers: { id: string; name: string }[];
  onSaved: (tender: TenderView) => void;
}

/**
 * Creates or edits a draft tender (use `NewTenderForm` or `EditTenderForm`): the shared
 * schema checks the values before they are sent, and the server's refusals show next to
 * their fields. Money is typed in pounds and sent as pence; the closing time is typed in
 * the browser's time zone and sent with its offset.
 */
function TenderForm({ initial, tenderId, buyers, onSaved }: TenderFormProps) {
  const editing = tenderId !== undefined;
  const now = useNow();
  const { draft, input, change, errors, formRef, handleSubmit, saving } = useCreateOrEditForm({
    initial,
    editing,
    toInput: (d: TenderDraft) => tenderDraftToInput(d, now),
    createSchema: TenderCreate,
    updateSchema: TenderUpdate,
    createFields: (d) => ({ buyerId: d.buyerId || undefined }),
    create: useCreateTender(),
    createVariables: (tender, idempotencyKey) => ({ tender, idempotencyKey }),
    update: useUpdateTender(tenderId ?? ''),
    onSaved,
  });

  let submitLabel = editing ? 'Save changes' : 'Save as a draft';
  if (saving.isPending) submitLabel = 'Saving…';

  return (
    <form
      ref={formRef}
      className="form tender-form"
      onSubmit={handleSubmit}
      noValidate
      data-testid="tender-form"
    >
      {saving.isError ? (
        <ErrorMessage
          title={editing ? 'The tender was not saved' : 'The tender was not created'}
          error={saving.error}
        />
      ) : null}
      <FormProblems errors={errors} labelOf={tenderFieldLabel} data-testid="tender-form-problems" />

      <fieldset className="fieldset fieldset--section">
        <legend>The contract</legend>
        {!editing && buyers.length > 1 ? (
          <SelectField
            label="Buyer"
            name="buyerId"
            value={draft.buyerId}
            onChange={(event) => change({ buyerId: event.target.value })}
            error={errors.buyerId}
          >
            {buyers.map((buyer) => (
              <option key={buyer.id} value={buyer.id}>
                {buyer.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label="Title"
          name="title"
          autoComplete="off"
          maxLength={200}
          value={draft.title}
          onChange={(event) => change({ title: event.target.value })}
          error={errors.title}
        />
        <TextField
          label="Reference"
          name="reference"
          autoComplete="off"
          maxLength={60}
          hint="Your own reference, such as TVP-2027-014."
          value={draft.reference}
          onChange={(event) => change({ reference: event.target.value })}
          error={errors.reference}
        />
        <TextAreaField
          label="Description"
          name="description"
          hint="Optional. What the contract is for; leave a blank line between paragraphs."
          rows={6}
          value={draft.description}
          onChange={(event) => change({ description: event.target.value })}
          error={errors.description}
        />
        <TerritoryPicker
          legend="Territories"
          hint="Where the contract is delivered: suppliers commit to activities here."
          value={draft.territories}
          onChange={(territories) => change({ territories })}
          error={errorUnder(errors, 'territories')}
        />
      </fieldset>

      <fieldset className="fieldset fieldset--section">
        <legend>Value and dates</legend>
        <TextField
          label="Contract value a year, £"
          name="annualValue"
          inputMode="decimal"
          autoComplete="off"
          value={draft.annualValue}
          onChange={(event) => change({ annualValue: event.target.value })}
          error={errors.annualValuePence}
        />
        <TextField
          label="Duration in years"
          name="durationYears"
          inputMode="numeric"
          autoComplete="off"
          hint="1 to 25."
          value={draft.durationYears}
          onChange={(event) => change({ durationYears: event.target.value })}
          error={errors.durationYears}
        />
        <TextField
          label="Contract start date"
          name="startDate"
          type="date"
          value={draft.startDate}
          onChange={(event) => change({ startDate: event.target.value })}
          error={errors.startDate}
        />
        <TextField
          label="Bids close"
          name="closesAt"
          type="datetime-local"
          hint={`Date and time in your time zone (${localTimeZone()}).`}
          value={draft.closesAt}
          onChange={(event) => change({ closesAt: event.target.value })}
          error={errors.closesAt}
        />
      </fieldset>

      <fieldset className="fieldset fieldset--section">
        <legend>Social value</legend>
        <TextField
          label="One in a Million baseline, £ a year per £1m"
          name="baseline"
          inputMode="decimal"
          autoComplete="off"
          hint="What compliance asks: so many pounds a year for each £1m of annual contract value."
          value={draft.baseline}
          onChange={(event) => change({ baseline: event.target.value })}
          error={errors.baselinePencePerMillion}
        />
        <BaselinePreview input={input} />
        <TextField
          label="Mid band starts at, £ a year per £1m"
          name="mid"
          inputMode="decimal"
          autoComplete="off"
          hint="At least the baseline."
          value={draft.mid}
          onChange={(event) => change({ mid: event.target.value })}
          error={errors.midPencePerMillion}
        />
        <TextField
          label="Higher ambition band starts at, £ a year per £1m"
          name="higherAmbition"
          inputMode="decimal"
          autoComplete="off"
          hint="At least the mid band."
          value={draft.higherAmbition}
          onChange={(event) => change({ higherAmbition: event.target.value })}
          error={errors.higherAmbitionPencePerMillion}
        />
        <TextField
          label="Social value weighting, %"
          name="weightingPct"
          inputMode="decimal"
          autoComplete="off"
          hint="Social value’s share of the overall score; the highest credible SPO gets all of it."
          value={draft.weightingPct}
          onChange={(event) => change({ weightingPct: event.target.value })}
          error={errors.weightingPct}
        />
      </fieldset>

      <TenderPriorityFields
        value={draft.priorities}
        territories={draft.territories}
        onChange={(changes) => change({ priorities: { ...draft.priorities, ...changes } })}
        errors={errors}
      />

      <div className="form__actions">
        <button type="submit" className="button" disabled={saving.isPending}>
          {submitLabel}
        </button>
      </div>
      {!editing ? (
        <p className="form__note">
          The tender is saved as a draft, seen only by your organisation; publish it from its page.
        </p>
      ) : null}
    </form>
  );
}

interface NewTenderFormProps {
  buyers: { id: string; name: string }[];
  defaultBuyerId: string;
  onSaved: (tender: TenderView) => void;
}

/** The form for a new draft tender, for one of the person's buyers. */
export function NewTenderForm({ buyers, defaultBuyerId, onSaved }: NewTenderFormProps) {
  const [initial] = useState(() => emptyTenderDraft(defaultBuyerId));
  return <TenderForm initial={initial} buyers={buyers} onSaved={onSaved} />;
}

interface EditTenderFormProps {
  tender: TenderView;
  onSaved: (tender: TenderView) => void;
}

/** The form for editing a draft, filled from it once so a refetch never wipes typing. */
export function EditTenderForm({ tender, onSaved }: EditTenderFormProps) {
  const [initial] = useState(() => draftFromTender(tender));
  return <TenderForm initial={initial} tenderId={tender.id} buyers={[]} onSaved={onSaved} />;
}
