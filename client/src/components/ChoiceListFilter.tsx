import { useId } from 'react';

/** Text compared case-blind and without the spaces around it, for filtering a long list. */
export function normaliseForFilter(text: string): string {
  return text.trim().toLocaleLowerCase('en-GB');
}

interface ChoiceListFilterProps {
  /** "Filter territories". */
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** How many are chosen, said as it changes: "3 territories chosen". */
  chosen: string;
  /** What can be typed, under the label. */
  hint?: string;
}

/** The filter box over a long list of checkboxes, and how many of them are chosen. */
export function ChoiceListFilter({ label, value, onChange, chosen, hint }: ChoiceListFilterProps) {
  const id = useId();
  return (
    <>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="field__input"
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="territory-picker__count" role="status">
        {chosen}
      </p>
    </>
  );
}
