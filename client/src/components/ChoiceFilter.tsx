import type { ReactNode } from 'react';
import { SelectField } from './SelectField';

interface ChoiceFilterProps {
  label: string;
  name: string;
  /** The value chosen; none means any. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** The first option, which chooses none: "All themes". */
  anyLabel: string;
  /** Each choice's value and label, in the order shown. */
  options: readonly (readonly [string, string])[];
  disabled?: boolean;
  /** Options after the list, such as a value a link named that the list lacks. */
  children?: ReactNode;
}

/** A filter chosen from a list, applied as soon as it changes; its first option is "any". */
export function ChoiceFilter({
  label,
  name,
  value,
  onChange,
  anyLabel,
  options,
  disabled,
  children,
}: ChoiceFilterProps) {
  return (
    <SelectField
      label={label}
      name={name}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
      disabled={disabled}
    >
      <option value="">{anyLabel}</option>
      {options.map(([option, optionLabel]) => (
        <option key={option} value={option}>
          {optionLabel}
        </option>
      ))}
      {children}
    </SelectField>
  );
}
