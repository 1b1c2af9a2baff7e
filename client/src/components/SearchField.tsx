import { useId, useState } from 'react';

/**
 * The text in a search box whose applied search lives elsewhere (the URL): typed freely, and
 * put back to the applied one when that changes from elsewhere (Clear filters, Back).
 */
export function useSearchText(applied: string | undefined) {
  const [text, setText] = useState(applied ?? '');
  const [seen, setSeen] = useState(applied);
  if (applied !== seen) {
    setSeen(applied);
    setText(applied ?? '');
  }
  return [text, setText] as const;
}

interface SearchFieldProps {
  label: string;
  name?: string;
  value: string;
  onChange: (text: string) => void;
  maxLength: number;
  hint?: string;
}

/**
 * A search box and its Search button, inside a filter form whose submit applies the words:
 * on Enter or Search, not on every key, so that results do not jump while someone types.
 */
export function SearchField({ label, name, value, onChange, maxLength, hint }: SearchFieldProps) {
  const id = useId();
  return (
    <div className="activity-filters__search">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="activity-filters__search-row">
        <input
          id={id}
          className="field__input"
          type="search"
          name={name}
          value={value}
          maxLength={maxLength}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <button type="submit" className="button">
          Search
        </button>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
