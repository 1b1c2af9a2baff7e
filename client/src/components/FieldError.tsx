import { describeFieldError } from '../lib/form-errors';

interface FieldErrorProps {
  id: string;
  label: string;
  message: string | undefined;
}

/** A field's validation message, referenced by the field's `aria-describedby`. */
export function FieldError({ id, label, message }: FieldErrorProps) {
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      {describeFieldError(label, message)}
    </p>
  );
}

/** The ids a field is described by: its hint and its error, when it has them. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}
