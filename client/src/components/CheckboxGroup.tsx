import { FieldGroup } from './FieldGroup';

interface CheckboxGroupProps<T extends string> {
  legend: string;
  hint?: string;
  /** Each choice's value and what people read. */
  options: readonly (readonly [T, string])[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string | undefined;
  /** The `name` every checkbox shares, for forms that are read by name. */
  name: string;
  /** May be left unanswered: "(optional)" after the legend. */
  optional?: boolean;
}

/**
 * Any number of choices from a short list, as checkboxes in a fieldset; the fieldset is
 * marked invalid as a whole, so that the form focuses its first box on a failed submit.
 */
export function CheckboxGroup<T extends string>({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  name,
  optional,
}: CheckboxGroupProps<T>) {
  const chosen = new Set<string>(value);

  function handleToggle(option: T, checked: boolean) {
    // Kept in the options' order, so that what is sent reads like what is shown.
    const next = new Set<string>(value);
    if (checked) next.add(option);
    else next.delete(option);
    onChange(options.map(([v]) => v).filter((v) => next.has(v)));
  }

  return (
    <FieldGroup
      legend={legend}
      hint={hint}
      error={error}
      optional={optional}
      className="checkbox-group"
    >
      <div className="checkbox-group__options">
        {options.map(([option, label]) => (
          <label key={option} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option}
              checked={chosen.has(option)}
              onChange={(event) => handleToggle(option, event.target.checked)}
            />
            {label}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}
