import { NEED_LABELS, STATUS_LABELS } from '@shared/schemas/activities';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { errorUnder } from '../../lib/create-or-edit-form';
import type { FieldErrors } from '../../lib/form-errors';
import type { ActivityDraft, FormStatus } from './activity-draft';
import { MeasurePicker } from './MeasurePicker';

const FORM_STATUSES: FormStatus[] = ['active', 'at_risk', 'paused'];

interface ActivityNeedsFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

/**
 * What the activity needs (funding, volunteers, things), how much support it could absorb,
 * the TOMs measures it can evidence, and whether it is running.
 */
export function ActivityNeedsFields({ draft, onChange, errors }: ActivityNeedsFieldsProps) {
  return (
    <>
      <TextField
        label={`${NEED_LABELS.funding} gap, £`}
        name="fundingGap"
        inputMode="decimal"
        autoComplete="off"
        optional
        hint="What it lacks to keep going for the next year."
        value={draft.fundingGap}
        onChange={(event) => onChange({ fundingGap: event.target.value })}
        error={errors['needs.fundingGapPence']}
      />
      <TextField
        label={`${NEED_LABELS.volunteers} a year`}
        name="volunteerHours"
        inputMode="numeric"
        autoComplete="off"
        optional
        value={draft.volunteerHours}
        onChange={(event) => onChange({ volunteerHours: event.target.value })}
        error={errors['needs.volunteerHoursPerYear']}
      />
      <TextField
        label={NEED_LABELS.in_kind}
        name="inKind"
        autoComplete="off"
        optional
        hint="Things it needs, separated by commas: “minibus, laptops, meeting room”."
        value={draft.inKind}
        onChange={(event) => onChange({ inKind: event.target.value })}
        error={errorUnder(errors, 'needs.inKind')}
      />
      <TextField
        label="Capacity, £ a year"
        name="capacity"
        inputMode="decimal"
        autoComplete="off"
        optional
        hint="How much support a year it could absorb."
        value={draft.capacity}
        onChange={(event) => onChange({ capacity: event.target.value })}
        error={errors.capacityPence}
      />
      <MeasurePicker
        value={draft.measures}
        onChange={(measures) => onChange({ measures })}
        error={errorUnder(errors, 'measures')}
      />
      <SelectField
        label="Status"
        name="status"
        hint="Paused activities are hidden from the map and the list until resumed. Closing an activity is done from its page, and is final."
        value={draft.status}
        onChange={(event) => {
          const status = FORM_STATUSES.find((s) => s === event.target.value) ?? 'active';
          onChange({ status });
        }}
        error={errors.status}
      >
        {FORM_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </SelectField>
      {draft.status === 'at_risk' ? (
        <TextField
          label="Closes without funding on"
          name="atRiskUntil"
          type="date"
          value={draft.atRiskUntil}
          onChange={(event) => onChange({ atRiskUntil: event.target.value })}
          error={errors.atRiskUntil}
        />
      ) : null}
    </>
  );
}
