import { useState } from 'react';
import {
  ActivityCreate,
  ActivityUpdate,
  CATEGORY_LABELS,
  NEED_LABELS,
  PRIORITY_GROUP_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
  Themes,
  type ActivityView,
  type Category,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormProblems } from '../../components/FormProblems';
import { FieldError } from '../../components/FieldError';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { ApiError } from '../../lib/api';
import { errorUnder, useCreateOrEditForm } from '../../lib/create-or-edit-form';
import type { FieldErrors } from '../../lib/form-errors';
import { useCreateActivity, useUpdateActivity } from './activities.queries';
import {
  draftFromActivity,
  draftToInput,
  emptyDraft,
  type ActivityDraft,
  type FormStatus,
} from './activity-draft';
import { ActivityImpactFields } from './ActivityImpactFields';
import { ActivityLocationFields } from './ActivityLocationFields';
import { fieldLabel } from './form-error-labels';
import { MeasurePicker } from './MeasurePicker';

const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);
const GROUP_OPTIONS = (Object.entries(PRIORITY_GROUP_LABELS) as [PriorityGroup, string][]).sort(
  ([, a], [, b]) => a.localeCompare(b, 'en-GB'),
);
const CATEGORY_OPTIONS = (Object.entries(CATEGORY_LABELS) as [Category, string][]).sort(
  ([, a], [, b]) => a.localeCompare(b, 'en-GB'),
);
const FORM_STATUSES: FormStatus[] = ['active', 'at_risk', 'paused'];
const NOT_IN_TERRITORY =
  'This point is outside the UK’s 45 policing territories. Choose where in the UK the activity happens.';

interface ActivityFormProps {
  /** The values to start from: blank for a new activity, the activity's own to edit it. */
  initial: ActivityDraft;
  /** The activity being edited; a new one is created when absent. */
  activityId?: string | undefined;
  /** The activity's version the edit starts from (editing only). */
  version?: number;
  /** The providers the person may list for (creating only). */
  providers: { id: string; name: string }[];
  onSaved: (activity: ActivityView) => void;
}

/**
 * Lists a new activity or edits one (use `NewActivityForm` or `EditActivityForm`): the shared schema (`ActivityCreate` or
 * `ActivityUpdate`) checks the values before they are sent, and the server's refusals are
 * shown next to the fields they are about, a point outside every territory included.
 */
function ActivityForm({ initial, activityId, version, providers, onSaved }: ActivityFormProps) {
  const editing = activityId !== undefined;
  const { draft, change, errors, formRef, handleSubmit, saving } = useCreateOrEditForm({
    initial,
    editing,
    // An edit names the version it was made from, so that the server refuses it (and the
    // message says to reload) if someone else saved in between.
    toInput: (d: ActivityDraft) => (editing ? { ...draftToInput(d), version } : draftToInput(d)),
    createSchema: ActivityCreate,
    updateSchema: ActivityUpdate,
    createFields: (d) => ({ providerId: d.providerId || undefined }),
    create: useCreateActivity(),
    createVariables: (activity, idempotencyKey) => ({ activity, idempotencyKey }),
    update: useUpdateActivity(activityId ?? ''),
    onSaved,
    // The one refusal about a field that the schema cannot see: a point outside the UK.
    refusalFields: (error): FieldErrors =>
      error instanceof ApiError && error.code === 'not_in_territory'
        ? { location: NOT_IN_TERRITORY }
        : {},
  });

  let submitLabel = editing ? 'Save changes' : 'List the activity';
  if (saving.isPending) submitLabel = editing ? 'Saving…' : 'Listing…';

  return (
    <form
      ref={formRef}
      className="form activity-form"
      onSubmit={handleSubmit}
      noValidate
      data-testid="activity-form"
    >
      {saving.isError ? (
        <ErrorMessage
          title={editing ? 'The activity was not saved' : 'The activity was not listed'}
          error={saving.error}
        />
      ) : null}
      <FormProblems errors={errors} labelOf={fieldLabel} data-testid="activity-form-problems" />

      <fieldset className="fieldset fieldset--section">
        <legend>The activity</legend>
        {!editing ? (
          <SelectField
            label="Provider"
            name="providerId"
            hint="The organisation that runs the activity."
            value={draft.providerId}
            onChange={(event) => change({ providerId: event.target.value })}
            error={errors.providerId}
          >
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label="Title"
          name="title"
          autoComplete="off"
          maxLength={120}
          value={draft.title}
          onChange={(event) => change({ title: event.target.value })}
          error={errors.title}
        />
        <TextAreaField
          label="Summary"
          name="summary"
          hint="One or two sentences, shown in lists and on the map (at most 300 characters)."
          rows={2}
          maxLength={300}
          value={draft.summary}
          onChange={(event) => change({ summary: event.target.value })}
          error={errors.summary}
        />
        <TextAreaField
          label="Description"
          name="description"
          hint="Optional. What happens, for whom and how; leave a blank line between paragraphs."
          rows={6}
          value={draft.description}
          onChange={(event) => change({ description: event.target.value })}
          error={errors.description}
        />
        <CheckboxGroup<Theme>
          legend="Themes"
          name="themes"
          hint="The outcomes it serves: at least one."
          options={THEME_OPTIONS}
          value={draft.themes}
          onChange={(themes) => change({ themes })}
          error={errorUnder(errors, 'themes')}
        />
        <SelectField
          label="Category"
          name="category"
          value={draft.category}
          onChange={(event) =>
            change({
              category:
                event.target.value in CATEGORY_LABELS ? (event.target.value as Category) : '',
            })
          }
          error={errors.category}
        >
          <option value="">Choose a category</option>
          {CATEGORY_OPTIONS.map(([category, label]) => (
            <option key={category} value={category}>
              {label}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup<PriorityGroup>
          legend="Priority groups"
          name="priorityGroups"
          hint="Optional. The groups it especially reaches."
          options={GROUP_OPTIONS}
          value={draft.priorityGroups}
          onChange={(priorityGroups) => change({ priorityGroups })}
          error={errorUnder(errors, 'priorityGroups')}
        />
      </fieldset>

      <ActivityLocationFields draft={draft} onChange={change} errors={errors} />

      <fieldset
        className="fieldset fieldset--section"
        aria-invalid={errors.serviceArea ? true : undefined}
      >
        <legend>Service area</legend>
        <FieldError id="service-area-error" label="Service area" message={errors.serviceArea} />
        <label className="radio">
          <input
            type="radio"
            name="serviceArea"
            value="none"
            checked={draft.serviceArea === 'none'}
            onChange={() => change({ serviceArea: 'none' })}
          />
          Just its location
        </label>
        <label className="radio">
          <input
            type="radio"
            name="serviceArea"
            value="radius"
            checked={draft.serviceArea === 'radius'}
            onChange={() => change({ serviceArea: 'radius' })}
          />
          Everyone within a distance of it
        </label>
        <label className="radio">
          <input
            type="radio"
            name="serviceArea"
            value="area"
            checked={draft.serviceArea === 'area'}
            onChange={() => change({ serviceArea: 'area' })}
          />
          An area on the map, given as GeoJSON
        </label>
        {draft.serviceArea === 'radius' ? (
          <TextField
            label="Radius in km"
            name="radiusKm"
            inputMode="decimal"
            autoComplete="off"
            value={draft.radiusKm}
            onChange={(event) => change({ radiusKm: event.target.value })}
            error={errorUnder(errors, 'serviceArea.radiusKm')}
          />
        ) : null}
        {draft.serviceArea === 'area' ? (
          <TextAreaField
            label="Area as GeoJSON"
            name="serviceAreaGeoJson"
            hint="Paste a GeoJSON Polygon or MultiPolygon in longitude, latitude order (or a Feature holding one), as geojson.io, QGIS or an open-data portal exports it. It is drawn on the location map above."
            rows={6}
            spellCheck={false}
            autoComplete="off"
            value={draft.areaText}
            onChange={(event) => change({ areaText: event.target.value })}
            error={errorUnder(errors, 'serviceArea.geometry')}
          />
        ) : null}
      </fieldset>

      <ActivityImpactFields draft={draft} onChange={change} errors={errors} />

      <fieldset className="fieldset fieldset--section">
        <legend>Needs and capacity</legend>
        <TextField
          label={`${NEED_LABELS.funding} gap, £`}
          name="fundingGap"
          inputMode="decimal"
          autoComplete="off"
          hint="What it lacks to keep going for the next year; blank for none."
          value={draft.fundingGap}
          onChange={(event) => change({ fundingGap: event.target.value })}
          error={errors['needs.fundingGapPence']}
        />
        <TextField
          label={`${NEED_LABELS.volunteers} a year`}
          name="volunteerHours"
          inputMode="numeric"
          autoComplete="off"
          hint="Blank for none."
          value={draft.volunteerHours}
          onChange={(event) => change({ volunteerHours: event.target.value })}
          error={errors['needs.volunteerHoursPerYear']}
        />
        <TextField
          label={NEED_LABELS.in_kind}
          name="inKind"
          autoComplete="off"
          hint="Things it needs, separated by commas: “minibus, laptops, meeting room”."
          value={draft.inKind}
          onChange={(event) => change({ inKind: event.target.value })}
          error={errorUnder(errors, 'needs.inKind')}
        />
        <TextField
          label="Capacity, £ a year"
          name="capacity"
          inputMode="decimal"
          autoComplete="off"
          hint="How much support a year it could absorb; blank for none."
          value={draft.capacity}
          onChange={(event) => change({ capacity: event.target.value })}
          error={errors.capacityPence}
        />
      </fieldset>

      <fieldset className="fieldset fieldset--section">
        <legend>Social value</legend>
        <MeasurePicker
          value={draft.measures}
          onChange={(measures) => change({ measures })}
          error={errorUnder(errors, 'measures')}
        />
      </fieldset>

      <fieldset className="fieldset fieldset--section">
        <legend>Status</legend>
        <SelectField
          label="Status"
          name="status"
          value={draft.status}
          onChange={(event) => {
            const status = FORM_STATUSES.find((s) => s === event.target.value) ?? 'active';
            change({ status });
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
            onChange={(event) => change({ atRiskUntil: event.target.value })}
            error={errors.atRiskUntil}
          />
        ) : null}
        <p className="form__note">
          Paused activities are hidden from the map and the list until resumed. Closing an activity
          is done from its page, and is final.
        </p>
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button" disabled={saving.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

interface NewActivityFormProps {
  providers: { id: string; name: string }[];
  defaultProviderId: string;
  onSaved: (activity: ActivityView) => void;
}

/** The form for listing a new activity, for one of the person's providers. */
export function NewActivityForm({ providers, defaultProviderId, onSaved }: NewActivityFormProps) {
  const [initial] = useState(() => emptyDraft(defaultProviderId));
  return <ActivityForm initial={initial} providers={providers} onSaved={onSaved} />;
}

interface EditActivityFormProps {
  activity: ActivityView;
  onSaved: (activity: ActivityView) => void;
}

/**
 * The form for editing an activity, filled from it once: a refetch while someone types
 * must not wipe their changes.
 */
export function EditActivityForm({ activity, onSaved }: EditActivityFormProps) {
  const [initial] = useState(() => draftFromActivity(activity));
  return (
    <ActivityForm
      initial={initial}
      activityId={activity.id}
      version={activity.version}
      providers={[]}
      onSaved={onSaved}
    />
  );
}
