import type { SelectHTMLAttributes } from 'react';
import { Field } from './Field';

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'className'
> {
  label: string;
  hint?: string;
  error?: string | undefined;
  /** May be left blank: "(optional)" after the label. */
  optional?: boolean;
}

/** A labelled `<select>` (options as children) with an optional hint and its validation message. */
export function SelectField({
  label,
  hint,
  error,
  optional,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => (
        <select {...select} {...control} className="field__input">
          {children}
        </select>
      )}
    </Field>
  );
}
