import { useId, type ReactNode } from 'react';
import { describedBy, FieldError } from './FieldError';
import './field.css';

/** What a field's control needs to be labelled, described and marked invalid. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** May be left blank: the label says "(optional)", as GOV.UK marks such questions. */
  optional?: boolean | undefined;
  /** The control, given the attributes that tie it to its label, hint and message. */
  children: (control: FieldControlProps) => ReactNode;
}

/** What follows the label of a question that may be left blank. */
export function OptionalMark() {
  return <span className="field__optional"> (optional)</span>;
}

/** A labelled control with an optional hint and its validation message: one text field's frame. */
export function Field({ label, hint, error, optional, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <OptionalMark /> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hint && hintId, error && errorId),
      })}
      <FieldError id={errorId} label={label} message={error} />
    </div>
  );
}
