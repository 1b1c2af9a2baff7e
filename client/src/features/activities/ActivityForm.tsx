import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { ActivityCreate, ActivityUpdate, type ActivityView } from '@shared/schemas/activities';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormProblems } from '../../components/FormProblems';
import { ApiError } from '../../lib/api';
import { useCreateOrEditForm } from '../../lib/create-or-edit-form';
import { formatDateTime } from '../../lib/date-time';
import { describeFieldError, type FieldErrors } from '../../lib/form-errors';
import { useMe } from '../auth/auth.queries';
import { useCreateActivity, useUpdateActivity } from './activities.queries';
import { ActivityAboutFields } from './ActivityAboutFields';
import { ActivityCheckAnswers } from './ActivityCheckAnswers';
import { ActivityImpactFields } from './ActivityImpactFields';
import { ActivityLocationFields } from './ActivityLocationFields';
import { ActivityNeedsFields } from './ActivityNeedsFields';
import { ActivityServiceAreaFields } from './ActivityServiceAreaFields';
import { ActivityTopicFields } from './ActivityTopicFields';
import { draftFromActivity, draftToInput, emptyDraft, type ActivityDraft } from './activity-draft';
import { clearStoredDraft, readStoredDraft, writeStoredDraft } from './activity-draft-store';
import {
  errorsOfStep,
  nextPlace,
  previousPlace,
  STEP_IDS,
  STEPS,
  stepOfPath,
  type FormPlace,
  type StepId,
} from './activity-form-steps';
import { fieldLabel } from './form-error-labels';
import './activity-form.css';

const NOT_IN_TERRITORY =
  'This point is outside the UK’s 45 policing territories. Choose where in the UK the activity happens.';

// Problems the form shows in its own way, never as a field's: the version an edit started
// from (an edit conflict, with its reload link).
const NOT_FIELDS = new Set(['version']);

interface ActivityFormProps {
  /** The values to start from: blank, a stored draft, or the activity's own to edit it. */
  initial: ActivityDraft;
  /** Where the form opens: the first step, where a stored draft was left, or the check. */
  initialPlace: FormPlace;
  /** The activity being edited; a new one is created when absent. */
  activityId?: string | undefined;
  /** The activity's version the edit starts from (editing only). */
  version?: number;
  /** The providers the person may list for (creating only). */
  providers: { id: string; name: string }[];
  /** Whose draft to keep in this browser as it is filled in (creating only). */
  draftOwner?: string | undefined;
  /** When the draft the form starts from was stored, if it was restored. */
  restoredAt?: string | undefined;
  onSaved: (activity: ActivityView) => void;
}

/**
 * Lists a new activity or edits one (use `NewActivityForm` or `EditActivityForm`), in short
 * steps with a check of every answer at the end. Each step's answers are checked with the
 * shared schema (`ActivityCreate` or `ActivityUpdate`) before the next is shown; the
 * server's refusals are listed on the check with a way back to the step concerned. A new
 * activity's answers are kept in this browser as they are given, until it is listed.
 */
function ActivityForm({
  initial,
  initialPlace,
  activityId,
  version,
  providers,
  draftOwner,
  restoredAt,
  onSaved,
}: ActivityFormProps) {
  const editing = activityId !== undefined;
  const listed = useRef(false);

  function handleSaved(activity: ActivityView) {
    listed.current = true;
    if (draftOwner) clearStoredDraft(draftOwner);
    onSaved(activity);
  }

  const { draft, change, errors, clientErrors, formRef, handleSubmit, saving } =
    useCreateOrEditForm({
      initial,
      editing,
      // An edit names the version it was made from, so that the server refuses it (and the
      // message says to reload) if someone else saved in between.
      toInput: (d: ActivityDraft) => {
        const converted = draftToInput(d);
        return editing ? { ...converted, input: { ...converted.input, version } } : converted;
      },
      createSchema: ActivityCreate,
      updateSchema: ActivityUpdate,
      createFields: (d) => ({ providerId: d.providerId || undefined }),
      create: useCreateActivity(),
      createVariables: (activity, idempotencyKey) => ({ activity, idempotencyKey }),
      update: useUpdateActivity(activityId ?? ''),
      onSaved: handleSaved,
      // The one refusal about a field that the schema cannot see: a point outside the UK.
      refusalFields: (error): FieldErrors =>
        error instanceof ApiError && error.code === 'not_in_territory'
          ? { location: NOT_IN_TERRITORY }
          : {},
    });

  const [place, setPlace] = useState<FormPlace>(initialPlace);
  // The steps whose Continue was pressed: only their problems are shown, not those of steps
  // nobody has reached yet.
  const [tried, setTried] = useState<ReadonlySet<StepId>>(new Set());
  // Once the check has been seen (or when editing), a step's Continue goes back to it.
  const [backToCheck, setBackToCheck] = useState(editing || initialPlace === 'check');
  const [stepAttempt, setStepAttempt] = useState(0);
  const [savedAt, setSavedAt] = useState(restoredAt);
  const [savedNote, setSavedNote] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const placeShown = useRef(place);

  // A new step is a new page to a screen reader: its heading takes the focus.
  useEffect(() => {
    if (placeShown.current === place) return;
    placeShown.current = place;
    headingRef.current?.focus();
  }, [place]);

  // A step that may not be left yet: its problems take the focus.
  useEffect(() => {
    if (stepAttempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[data-form-problems]')?.focus();
  }, [stepAttempt, formRef]);

  const pristine = JSON.stringify(draft) === JSON.stringify(emptyDraft(draft.providerId));

  /** Keeps the draft in this browser (or forgets it, when nothing has been given yet). */
  function store(at: FormPlace = place): string | undefined {
    if (!draftOwner || listed.current) return undefined;
    if (pristine) {
      clearStoredDraft(draftOwner);
      return undefined;
    }
    const when = writeStoredDraft(draftOwner, draft, at);
    if (when) setSavedAt(when);
    return when;
  }

  // Kept as it is typed (a moment after the last change), so a reload loses nothing.
  const storeRef = useRef(store);
  useEffect(() => {
    storeRef.current = store;
  });
  useEffect(() => {
    if (!draftOwner) return;
    const timer = window.setTimeout(() => storeRef.current(), 400);
    return function cancelStore() {
      window.clearTimeout(timer);
    };
  }, [draft, place, draftOwner]);

  function goTo(next: FormPlace) {
    setSavedNote('');
    setPlace(next);
    store(next);
  }

  function handleContinue(event: FormEvent<HTMLFormElement>) {
    if (place === 'check') {
      handleSubmit(event);
      return;
    }
    event.preventDefault();
    setTried((steps) => new Set(steps).add(place));
    if (Object.keys(errorsOfStep(clientErrors, place)).length > 0) {
      setStepAttempt((n) => n + 1);
      return;
    }
    if (nextPlace(place) === 'check') setBackToCheck(true);
    goTo(backToCheck ? 'check' : nextPlace(place));
  }

  function handleBack() {
    const previous = previousPlace(place);
    if (previous) goTo(previous);
  }

  /** Opens a step from the check or the list of steps, showing what is wrong in it. */
  function handleOpenStep(step: StepId) {
    if (Object.keys(errorsOfStep(errors, step)).length > 0) {
      setTried((steps) => new Set(steps).add(step));
    }
    goTo(step);
  }

  function handleSaveDraft() {
    const when = store();
    setSavedNote(
      when
        ? `Draft saved in this browser at ${formatDateTime(when)}.`
        : 'This browser would not keep the draft (it may be in private mode, or its storage full). Finish the form now, or keep your answers elsewhere.',
    );
  }

  function handleStartAgain() {
    if (draftOwner) clearStoredDraft(draftOwner);
    change(emptyDraft(draft.providerId));
    setTried(new Set());
    setBackToCheck(false);
    setSavedAt(undefined);
    setSavedNote('Draft deleted. The form is blank again.');
    setPlace('about');
  }

  const stepErrors =
    place === 'check'
      ? {}
      : errorsOfStep({ ...(tried.has(place) ? clientErrors : {}), ...errors }, place);
  const conflict =
    saving.error instanceof ApiError && saving.error.code === 'edit_conflict'
      ? saving.error
      : undefined;

  const stepNumber = place === 'check' ? 0 : STEP_IDS.indexOf(place) + 1;
  let heading = editing ? 'Check your changes' : 'Check your answers before listing the activity';
  if (place !== 'check') heading = STEPS[place].title;

  let submitLabel = editing ? 'Save changes' : 'List the activity';
  if (saving.isPending) submitLabel = editing ? 'Saving…' : 'Listing…';

  return (
    <form
      ref={formRef}
      className="form activity-form"
      onSubmit={handleContinue}
      noValidate
      data-testid="activity-form"
      data-step={place}
    >
      <ActivityFormSteps place={place} editing={editing} onOpen={handleOpenStep} />

      <h3 ref={headingRef} tabIndex={-1} className="activity-form__heading">
        {place !== 'check' ? (
          <span className="activity-form__caption">
            Step {stepNumber} of {STEP_IDS.length}:{' '}
          </span>
        ) : null}
        {heading}
      </h3>

      {draftOwner && (place === STEP_IDS[0] || (restoredAt && place === initialPlace)) ? (
        <DraftNote restoredAt={restoredAt} onStartAgain={handleStartAgain} />
      ) : null}

      {place === 'check' ? (
        <>
          {conflict ? (
            <div className="error-message" role="alert" data-testid="activity-edit-conflict">
              <p className="error-message__title">Your changes were not saved</p>
              <p>{conflict.message}.</p>
              <p>
                {/* A full reload: the form is filled once, from the activity as it was. */}
                <a href={window.location.pathname}>Reload the activity</a> (the changes you made
                here will be lost).
              </p>
            </div>
          ) : null}
          {saving.isError && !conflict ? (
            <ErrorMessage
              title={editing ? 'The activity was not saved' : 'The activity was not listed'}
              error={saving.error}
            />
          ) : null}
          <CheckProblems errors={errors} onOpenStep={handleOpenStep} />
          <ActivityCheckAnswers draft={draft} providers={providers} onChange={handleOpenStep} />
          {!editing ? (
            <p className="form__note">
              Listing it puts the activity on the public map and list, where suppliers can offer
              support. You can edit it, pause it or close it later.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <FormProblems
            errors={stepErrors}
            labelOf={fieldLabel}
            data-testid="activity-form-problems"
          />
          <p className="form__note">All questions must be answered unless they say (optional).</p>
          <div className="activity-form__fields">
            {place === 'about' ? (
              <ActivityAboutFields
                draft={draft}
                onChange={change}
                errors={stepErrors}
                providers={editing ? [] : providers}
              />
            ) : null}
            {place === 'topics' ? (
              <ActivityTopicFields draft={draft} onChange={change} errors={stepErrors} />
            ) : null}
            {place === 'place' ? (
              <>
                <ActivityLocationFields draft={draft} onChange={change} errors={stepErrors} />
                <ActivityServiceAreaFields draft={draft} onChange={change} errors={stepErrors} />
              </>
            ) : null}
            {place === 'impact' ? (
              <ActivityImpactFields draft={draft} onChange={change} errors={stepErrors} />
            ) : null}
            {place === 'needs' ? (
              <ActivityNeedsFields draft={draft} onChange={change} errors={stepErrors} />
            ) : null}
          </div>
        </>
      )}

      <div className="form__actions activity-form__actions">
        <button
          type="submit"
          className="button"
          disabled={saving.isPending}
          data-testid={place === 'check' ? 'activity-form-submit' : 'activity-form-continue'}
        >
          {place === 'check' ? submitLabel : 'Continue'}
        </button>
        {previousPlace(place) ? (
          <button type="button" className="button button--secondary" onClick={handleBack}>
            Back
          </button>
        ) : null}
        {draftOwner ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={handleSaveDraft}
            data-testid="activity-form-save-draft"
          >
            Save draft
          </button>
        ) : null}
      </div>
      {draftOwner ? (
        <p className="form__note activity-form__saved" role="status">
          {savedNote ||
            (savedAt
              ? `Your answers are kept in this browser (last saved ${formatDateTime(savedAt)}).`
              : '')}
        </p>
      ) : null}
    </form>
  );
}

interface ActivityFormStepsProps {
  place: FormPlace;
  editing: boolean;
  onOpen: (step: StepId) => void;
}

/**
 * Where the form is among its steps. When editing, every step can be opened from here (every
 * answer is already given); when listing, steps come in order.
 */
function ActivityFormSteps({ place, editing, onOpen }: ActivityFormStepsProps) {
  const current = place === 'check' ? STEP_IDS.length : STEP_IDS.indexOf(place);
  const items = [
    ...STEP_IDS.map((step) => ({ key: step as FormPlace, title: STEPS[step].title })),
    { key: 'check' as FormPlace, title: editing ? 'Check and save' : 'Check and list' },
  ];
  return (
    <nav className="activity-steps" aria-label={editing ? 'Parts of the activity' : 'Progress'}>
      <ol className="activity-steps__list">
        {items.map((item, index) => {
          let state = 'todo';
          if (index < current) state = 'done';
          if (index === current) state = 'current';
          const key = item.key;
          return (
            <li
              key={key}
              className={`activity-steps__item activity-steps__item--${state}`}
              aria-current={index === current ? 'step' : undefined}
            >
              {editing && key !== 'check' && index !== current ? (
                <button type="button" className="activity-steps__link" onClick={() => onOpen(key)}>
                  {item.title}
                </button>
              ) : (
                <span>
                  {item.title}
                  {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

interface CheckProblemsProps {
  errors: FieldErrors;
  onOpenStep: (step: StepId) => void;
}

/**
 * What stops the activity being sent, on the check: each problem (the client's, or the
 * server's refusal) with a link to the step that asks for that answer.
 */
function CheckProblems({ errors, onOpenStep }: CheckProblemsProps) {
  const problems = Object.entries(errors).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !NOT_FIELDS.has(entry[0]),
  );
  if (problems.length === 0) return null;

  function handleClick(event: MouseEvent<HTMLAnchorElement>, path: string) {
    event.preventDefault();
    onOpenStep(stepOfPath(path));
  }

  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      data-form-problems=""
      data-testid="activity-form-problems"
    >
      <p className="error-summary__title">
        {problems.length === 1
          ? 'One answer needs fixing'
          : `${problems.length} answers need fixing`}
      </p>
      <ul>
        {problems.map(([path, message]) => (
          <li key={path}>
            <a href={`#${path}`} onClick={(event) => handleClick(event, path)}>
              {describeFieldError(fieldLabel(path), message)}
            </a>{' '}
            <span className="muted">({STEPS[stepOfPath(path)].title})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface DraftNoteProps {
  restoredAt: string | undefined;
  onStartAgain: () => void;
}

/** Says that the answers are kept in this browser, and that a kept draft was picked up. */
function DraftNote({ restoredAt, onStartAgain }: DraftNoteProps) {
  return (
    <div className="notice activity-form__draft-note">
      {restoredAt ? (
        <p>
          <strong>You have a draft.</strong> These are the answers you saved in this browser on{' '}
          {formatDateTime(restoredAt)}.{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onStartAgain}
          >
            Delete the draft and start again
          </button>
        </p>
      ) : null}
      <p>
        Your answers are kept in this browser as you go (or when you choose “Save draft”), so you
        can leave and come back to them on this device. Nothing is listed until you choose “List the
        activity” at the end.
      </p>
    </div>
  );
}

interface NewActivityFormProps {
  providers: { id: string; name: string }[];
  defaultProviderId: string;
  onSaved: (activity: ActivityView) => void;
}

/**
 * The form for listing a new activity, for one of the person's providers; it picks up the
 * draft the person left in this browser, if any.
 */
export function NewActivityForm({ providers, defaultProviderId, onSaved }: NewActivityFormProps) {
  const owner = useMe().data?.person.id;
  const [start] = useState(() => {
    const stored = owner ? readStoredDraft(owner) : undefined;
    if (!stored) return { draft: emptyDraft(defaultProviderId), place: 'about' as FormPlace };
    // A provider the person no longer belongs to cannot list it.
    const providerId = providers.some((p) => p.id === stored.draft.providerId)
      ? stored.draft.providerId
      : defaultProviderId;
    return { ...stored, draft: { ...stored.draft, providerId } };
  });
  return (
    <ActivityForm
      initial={start.draft}
      initialPlace={start.place}
      providers={providers}
      draftOwner={owner}
      restoredAt={'savedAt' in start ? start.savedAt : undefined}
      onSaved={onSaved}
    />
  );
}

interface EditActivityFormProps {
  activity: ActivityView;
  onSaved: (activity: ActivityView) => void;
}

/**
 * The form for editing an activity, filled from it once (a refetch while someone types must
 * not wipe their changes), opening on the check of every answer, from which each part can be
 * changed.
 */
export function EditActivityForm({ activity, onSaved }: EditActivityFormProps) {
  // The version is the one the answers were read from, not the latest: when the activity is
  // refetched while someone edits (another person saved), their edit must be refused.
  const [start] = useState(() => ({
    draft: draftFromActivity(activity),
    version: activity.version,
  }));
  return (
    <ActivityForm
      initial={start.draft}
      initialPlace="check"
      activityId={activity.id}
      version={start.version}
      providers={[]}
      onSaved={onSaved}
    />
  );
}
