import { useId, type SelectHTMLAttributes } from 'react';
import { describedBy, FieldError } from './FieldError';

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'className'
> {
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled `<select>` (options as children) with an optional hint and its validation message. */
export function SelectField({ label, hint, error, children, ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        {...select}
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      >
        {children}
      </select>
      <FieldError id={errorId} label={label} message={error} />
    </div>
  );
}
