import type { FieldErrors } from '../../lib/form-errors';

/** The activity form's steps, in order; the check of all answers comes after the last. */
export const STEP_IDS = ['about', 'topics', 'place', 'impact', 'needs'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Where the form is: one of its steps, or the check of all answers before sending. */
export type FormPlace = StepId | 'check';

interface StepInfo {
  /** The step's heading, after "Step 2 of 5: ". */
  title: string;
  /** The top-level fields (paths as the schema and the server name them) the step asks for. */
  fields: readonly string[];
}

export const STEPS: Record<StepId, StepInfo> = {
  about: { title: 'About the activity', fields: ['providerId', 'title', 'summary', 'description'] },
  topics: { title: 'What it does and for whom', fields: ['themes', 'category', 'priorityGroups'] },
  place: { title: 'Where it happens', fields: ['location', 'address', 'serviceArea'] },
  impact: { title: 'Its impact', fields: ['impact'] },
  needs: {
    title: 'Needs, social value and status',
    fields: ['needs', 'capacityPence', 'measures', 'status', 'atRiskUntil'],
  },
};

/**
 * The step that asks for the field at a path (`impact.outcomes.0.unit` is on "impact"). A
 * problem with no field of its own belongs to the last step, whose Continue leads to the check.
 */
export function stepOfPath(path: string): StepId {
  const top = path.split('.')[0] ?? '';
  return STEP_IDS.find((id) => STEPS[id].fields.includes(top)) ?? 'needs';
}

/** Of a form's problems, those about one step's fields. */
export function errorsOfStep(errors: FieldErrors, step: StepId): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path, message]) => message && stepOfPath(path) === step),
  );
}

/** The step after this one, or the check after the last. */
export function nextPlace(step: StepId): FormPlace {
  return STEP_IDS[STEP_IDS.indexOf(step) + 1] ?? 'check';
}

/** The step before this one (the check's is the last step); none before the first. */
export function previousPlace(place: FormPlace): StepId | undefined {
  if (place === 'check') return STEP_IDS.at(-1);
  const index = STEP_IDS.indexOf(place);
  return index > 0 ? STEP_IDS[index - 1] : undefined;
}
