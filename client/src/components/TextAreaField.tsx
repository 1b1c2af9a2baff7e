import type { TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'className'
> {
  label: string;
  hint?: string;
  error?: string | undefined;
  /** May be left blank: "(optional)" after the label. */
  optional?: boolean;
}

/** A labelled `<textarea>` with an optional hint and its validation message. */
export function TextAreaField({ label, hint, error, optional, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => (
        <textarea {...textarea} {...control} className="field__input field__input--textarea" />
      )}
    </Field>
  );
}
