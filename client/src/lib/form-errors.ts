import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { z } from 'zod';
import { ApiError } from './api';

/** One message per field, keyed by the dotted path the server uses too (`organisation.name`). */
export type FieldErrors = Partial<Record<string, string>>;

/** The first message for each field of a failed client-side parse. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The field messages a `validation_failed` answer carries in `details`; none for other errors. */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && typeof message === 'string') errors[path] ??= message;
  }
  return errors;
}

/**
 * A field's message as a sentence. The shared schemas write theirs as endings
 * (`must be at least 12 characters`) for the server to prefix with the path, so they get
 * the field's label in front; zod's own messages are already sentences.
 */
export function describeFieldError(label: string, message: string): string {
  const first = message.charAt(0);
  return first === first.toLowerCase() && first !== first.toUpperCase()
    ? `${label} ${message}`
    : message;
}

const CONTROLS = 'input, select, textarea';

/**
 * Moves the focus whenever `attempt` changes, so that a keyboard or screen-reader user who
 * submitted lands on what needs fixing: the form's problems summary (`FormProblems`) when it
 * has one, else the first invalid field.
 */
function useFocusFirstInvalid(attempt: number): RefObject<HTMLFormElement | null> {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt === 0) return;
    const summary = formRef.current?.querySelector<HTMLElement>('[data-form-problems]');
    if (summary) {
      summary.focus();
      return;
    }
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A group (a fieldset of checkboxes) is marked as a whole; its first control takes the focus.
    const control = invalid?.matches(CONTROLS)
      ? invalid
      : invalid?.querySelector<HTMLElement>(CONTROLS);
    control?.focus();
  }, [attempt]);
  return formRef;
}

/**
 * The messages a form shows: none until the first submit, then the client's own checks of
 * the current values (so a message goes as soon as the field is fixed) over the server's
 * verdict, which stands only while the values are still the ones it judged.
 */
export function useFormErrors(values: unknown, clientErrors: FieldErrors) {
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ values: string; errors: FieldErrors }>();
  const [attempt, setAttempt] = useState(0);
  const formRef = useFocusFirstInvalid(attempt);
  const current = JSON.stringify(values);
  const serverErrors = server?.values === current ? server.errors : {};

  return {
    formRef,
    errors: submitted ? { ...serverErrors, ...clientErrors } : {},
    /** Shows the messages and focuses the first; answers whether the values may be sent. */
    submit(): boolean {
      setSubmitted(true);
      setServer(undefined);
      setAttempt((n) => n + 1);
      return Object.keys(clientErrors).length === 0;
    },
    /** Shows the field messages of a refused request next to their fields. */
    showServerErrors(error: unknown, extra: FieldErrors = {}): void {
      setServer({ values: current, errors: { ...serverFieldErrors(error), ...extra } });
      setAttempt((n) => n + 1);
    },
    /** Forgets that the form was submitted, for a form emptied after success. */
    reset(): void {
      setSubmitted(false);
      setServer(undefined);
    },
  };
}

/** The client-side errors of parsing `input` with `schema`, and the parsed value when valid. */
export function check<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.output<S> | undefined; errors: FieldErrors } {
  const result = schema.safeParse(input);
  return result.success
    ? { data: result.data, errors: {} }
    : { data: undefined, errors: zodFieldErrors(result.error) };
}

/** What `useCheckedForm` needs of a mutation (React Query's `useMutation` result). */
interface Sender<TData, TResult> {
  reset(): void;
  mutate(
    data: TData,
    options: { onSuccess: (result: TResult) => void; onError: (error: Error) => void },
  ): void;
}

interface CheckedFormOptions<TResult> {
  onSuccess: (result: TResult) => void;
  /** Field messages for refusals that name no field, such as a wrong current password. */
  fieldErrorsOf?: (error: Error) => FieldErrors;
}

/**
 * A form whose values, checked by a shared schema (`check`), one mutation sends: on submit the
 * last answer is put away and the messages shown (see `useFormErrors`); valid values are sent,
 * and the server's refusals are shown next to their fields. Answers `useFormErrors`'s own,
 * with the form's `handleSubmit`.
 */
export function useCheckedForm<TData, TResult>(
  values: unknown,
  checked: { data: TData | undefined; errors: FieldErrors },
  sender: Sender<TData, TResult>,
  { onSuccess, fieldErrorsOf }: CheckedFormOptions<TResult>,
) {
  const form = useFormErrors(values, checked.errors);
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The last answer was about the last values; a new attempt starts without it.
    sender.reset();
    if (!form.submit() || checked.data === undefined) return;
    sender.mutate(checked.data, {
      onSuccess,
      onError: (error) => form.showServerErrors(error, fieldErrorsOf?.(error)),
    });
  }
  return { ...form, handleSubmit };
}
