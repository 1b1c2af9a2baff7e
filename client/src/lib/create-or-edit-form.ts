import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { check, useFormErrors, type FieldErrors } from './form-errors';
import { useIdempotencyKey } from './idempotency-key';

/** What a save reports back: the saved view, or the refusal to show. */
interface SaveCallbacks<View> {
  onSuccess: (saved: View) => void;
  onError: (error: Error) => void;
}

/** A React Query mutation, as much of it as a form uses. */
interface Saving<Vars, View> {
  mutate: (variables: Vars, callbacks: SaveCallbacks<View>) => void;
  reset: () => void;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
}

interface CreateOrEditOptions<
  Draft,
  Create extends z.ZodType,
  Update extends z.ZodType,
  CreateVars,
  View,
> {
  initial: Draft;
  /** Editing an existing object (update) rather than creating one. */
  editing: boolean;
  /** The draft as the schemas read it, and notes on fields the draft cannot even express. */
  toInput: (draft: Draft) => { input: Record<string, unknown>; notes: FieldErrors };
  createSchema: Create;
  updateSchema: Update;
  /** What creating needs beyond the draft's own fields (the organisation it is for). */
  createFields: (draft: Draft) => Record<string, unknown>;
  create: Saving<CreateVars, View>;
  /** The create mutation's variables: the checked value and its retry-safe key. */
  createVariables: (value: z.output<Create>, idempotencyKey: string) => CreateVars;
  update: Saving<z.output<Update>, View>;
  onSaved: (saved: View) => void;
  /** Field messages for refusals the schema cannot foresee (a point outside every territory). */
  refusalFields?: (error: Error) => FieldErrors;
}

/**
 * What every create-or-edit form shares: its draft, the check of the draft against the create
 * or the update schema, field messages from the client and from the server's refusal, and a
 * submit that updates, or creates with an `Idempotency-Key` so that a retry never creates twice.
 */
export function useCreateOrEditForm<
  Draft,
  Create extends z.ZodType,
  Update extends z.ZodType,
  CreateVars,
  View,
>(options: CreateOrEditOptions<Draft, Create, Update, CreateVars, View>) {
  const { editing, create, update, onSaved } = options;
  const saving = editing ? update : create;
  const [draft, setDraft] = useState(options.initial);
  const idempotency = useIdempotencyKey();

  const { input, notes } = options.toInput(draft);
  const parsed = editing
    ? { editing: true as const, ...check(options.updateSchema, input) }
    : {
        editing: false as const,
        ...check(options.createSchema, { ...options.createFields(draft), ...input }),
      };
  const clientErrors = { ...parsed.errors, ...notes };
  const form = useFormErrors(draft, clientErrors);

  function change(changes: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...changes }));
  }

  function handleError(error: Error) {
    form.showServerErrors(error, options.refusalFields?.(error) ?? {});
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The last answer was about the last values; a new attempt starts without it.
    saving.reset();
    if (!form.submit() || parsed.data === undefined) return;
    const callbacks = { onSuccess: onSaved, onError: handleError };
    if (parsed.editing) {
      update.mutate(parsed.data, callbacks);
      return;
    }
    const value = parsed.data;
    create.mutate(options.createVariables(value, idempotency.keyFor(value)), callbacks);
  }

  return {
    draft,
    input,
    change,
    errors: form.errors,
    /** The client's own checks of the current values, shown or not: for forms in steps. */
    clientErrors,
    formRef: form.formRef,
    handleSubmit,
    saving,
  };
}

/** The first message at or under a path: rows and lists report their items' problems there. */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  const key = Object.keys(errors).find((k) => k.startsWith(prefix));
  return key ? errors[key] : undefined;
}
