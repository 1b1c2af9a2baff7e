import { useId, type ReactNode } from 'react';
import { OptionalMark } from './Field';
import { describedBy, FieldError } from './FieldError';

interface FieldGroupProps {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** May be left unanswered: "(optional)" after the legend. */
  optional?: boolean | undefined;
  /** The fieldset's own class, after `field fieldset`. */
  className: string;
  children: ReactNode;
}

/**
 * A group of controls answered together (checkboxes) in a fieldset with its legend, hint and
 * message; the fieldset is marked invalid as a whole, so that the form focuses its first
 * control on a failed submit.
 */
export function FieldGroup({
  legend,
  hint,
  error,
  optional,
  className,
  children,
}: FieldGroupProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={`field fieldset ${className}`}
      aria-describedby={describedBy(hint ? hintId : undefined, error && errorId)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">
        {legend}
        {optional ? <OptionalMark /> : null}
      </legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} label={legend} message={error} />
      {children}
    </fieldset>
  );
}
