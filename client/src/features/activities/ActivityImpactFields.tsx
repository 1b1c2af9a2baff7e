import {
  COST_AREA_LABELS,
  Confidences,
  CostAreas,
  type CostArea,
} from '@shared/schemas/activities';
import { OptionalMark } from '../../components/Field';
import { describedBy, FieldError } from '../../components/FieldError';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/form-errors';
import {
  newRowKey,
  type ActivityDraft,
  type CostDraft,
  type EvidenceLinkDraft,
  type OutcomeDraft,
} from './activity-draft';
import { CONFIDENCE_LABELS } from './activity-format';

const MAX_ROWS = 20;

interface ActivityImpactFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

/**
 * The impact an activity claims, and its evidence: people reached, outcomes, links and an
 * evaluation summary, then the public-service costs it avoids (the secondary impact).
 */
export function ActivityImpactFields({ draft, onChange, errors }: ActivityImpactFieldsProps) {
  function updateOutcome(key: string, changes: Partial<OutcomeDraft>) {
    onChange({ outcomes: draft.outcomes.map((o) => (o.key === key ? { ...o, ...changes } : o)) });
  }
  function updateLink(key: string, changes: Partial<EvidenceLinkDraft>) {
    onChange({ links: draft.links.map((l) => (l.key === key ? { ...l, ...changes } : l)) });
  }
  function updateCost(area: CostArea, changes: Partial<CostDraft>) {
    onChange({ costs: { ...draft.costs, [area]: { ...draft.costs[area], ...changes } } });
  }

  return (
    <>
      <TextField
        label="People reached a year"
        name="peopleReached"
        inputMode="numeric"
        autoComplete="off"
        hint="Enter 0 if you do not know yet."
        value={draft.peopleReached}
        onChange={(event) => onChange({ peopleReached: event.target.value })}
        error={errors['impact.peopleReachedPerYear']}
      />

      <fieldset
        className="fieldset repeater"
        aria-describedby={describedBy(
          'outcomes-hint',
          errors['impact.outcomes'] && 'outcomes-error',
        )}
        aria-invalid={errors['impact.outcomes'] ? true : undefined}
      >
        <legend className="field__label">
          Outcomes
          <OptionalMark />
        </legend>
        <p id="outcomes-hint" className="field__hint">
          What changes for people, with a figure: “Young people into work, 24, people”.
        </p>
        <FieldError id="outcomes-error" label="Outcomes" message={errors['impact.outcomes']} />
        {draft.outcomes.map((outcome, index) => {
          const path = `impact.outcomes.${index}`;
          return (
            <div
              key={outcome.key}
              className="repeater__row"
              role="group"
              aria-label={`Outcome ${index + 1}`}
            >
              <TextField
                label="Outcome"
                value={outcome.label}
                onChange={(event) => updateOutcome(outcome.key, { label: event.target.value })}
                error={errors[`${path}.label`]}
              />
              <TextField
                label="Figure"
                inputMode="decimal"
                value={outcome.figure}
                onChange={(event) => updateOutcome(outcome.key, { figure: event.target.value })}
                error={errors[`${path}.figure`]}
              />
              <TextField
                label="Unit"
                value={outcome.unit}
                onChange={(event) => updateOutcome(outcome.key, { unit: event.target.value })}
                error={errors[`${path}.unit`]}
              />
              <button
                type="button"
                className="button button--secondary repeater__remove"
                onClick={() =>
                  onChange({ outcomes: draft.outcomes.filter((o) => o.key !== outcome.key) })
                }
              >
                Remove<span className="visually-hidden"> outcome {index + 1}</span>
              </button>
            </div>
          );
        })}
        {draft.outcomes.length < MAX_ROWS ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              onChange({
                outcomes: [
                  ...draft.outcomes,
                  { key: newRowKey(), label: '', figure: '', unit: '' },
                ],
              })
            }
          >
            Add an outcome
          </button>
        ) : null}
      </fieldset>

      <fieldset
        className="fieldset repeater"
        aria-describedby={describedBy(errors['impact.evidence.links'] && 'links-error')}
        aria-invalid={errors['impact.evidence.links'] ? true : undefined}
      >
        <legend className="field__label">
          Evidence links
          <OptionalMark />
        </legend>
        <FieldError
          id="links-error"
          label="Evidence links"
          message={errors['impact.evidence.links']}
        />
        {draft.links.map((link, index) => {
          const path = `impact.evidence.links.${index}`;
          return (
            <div
              key={link.key}
              className="repeater__row"
              role="group"
              aria-label={`Evidence link ${index + 1}`}
            >
              <TextField
                label="Title"
                value={link.title}
                onChange={(event) => updateLink(link.key, { title: event.target.value })}
                error={errors[`${path}.title`]}
              />
              <TextField
                label="Web address"
                type="url"
                inputMode="url"
                placeholder="https://"
                value={link.url}
                onChange={(event) => updateLink(link.key, { url: event.target.value })}
                error={errors[`${path}.url`]}
              />
              <button
                type="button"
                className="button button--secondary repeater__remove"
                onClick={() => onChange({ links: draft.links.filter((l) => l.key !== link.key) })}
              >
                Remove<span className="visually-hidden"> evidence link {index + 1}</span>
              </button>
            </div>
          );
        })}
        {draft.links.length < MAX_ROWS ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              onChange({ links: [...draft.links, { key: newRowKey(), title: '', url: '' }] })
            }
          >
            Add an evidence link
          </button>
        ) : null}
      </fieldset>

      <TextAreaField
        label="Evaluation summary"
        name="evaluationSummary"
        optional
        hint="What an evaluation found, and who carried it out."
        rows={4}
        value={draft.evaluationSummary}
        onChange={(event) => onChange({ evaluationSummary: event.target.value })}
        error={errors['impact.evidence.evaluationSummary']}
      />

      <fieldset className="fieldset repeater">
        <legend className="field__label">
          Public-service costs avoided a year
          <OptionalMark />
        </legend>
        <p className="field__hint">
          For each service whose costs the activity reduces: the estimate in pounds a year, how it
          was made, and how sure it is. Leave a service blank to skip it.
        </p>
        {CostAreas.map((area) => {
          const path = `impact.costsAvoided.${area}`;
          const cost = draft.costs[area];
          const label = COST_AREA_LABELS[area];
          return (
            <div key={area} className="repeater__row" role="group" aria-label={label}>
              <TextField
                label={`${label}: £ a year`}
                inputMode="decimal"
                autoComplete="off"
                value={cost.amount}
                onChange={(event) => updateCost(area, { amount: event.target.value })}
                error={errors[`${path}.annualPence`]}
              />
              <TextField
                label={`${label}: how estimated`}
                value={cost.method}
                onChange={(event) => updateCost(area, { method: event.target.value })}
                error={errors[`${path}.method`]}
              />
              <SelectField
                label={`${label}: confidence`}
                value={cost.confidence}
                onChange={(event) =>
                  updateCost(area, {
                    confidence: (Confidences as readonly string[]).includes(event.target.value)
                      ? (event.target.value as CostDraft['confidence'])
                      : '',
                  })
                }
                error={errors[`${path}.confidence`]}
              >
                <option value="">Select</option>
                {Confidences.map((confidence) => (
                  <option key={confidence} value={confidence}>
                    {CONFIDENCE_LABELS[confidence]}
                  </option>
                ))}
              </SelectField>
            </div>
          );
        })}
      </fieldset>
    </>
  );
}
