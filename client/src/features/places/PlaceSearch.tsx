import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { PlaceMatch } from '@shared/schemas/places';
import { describedBy, FieldError } from '../../components/FieldError';
import { MIN_PLACE_QUERY, usePlaceSearch } from './places.queries';
import { placeDetail, placeLabel } from './place-format';
import './place-search.css';

/** Text that settles: the value once it has stopped changing for `delayMs`. */
function useSettledValue(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return function cancelSettle() {
      window.clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}

interface PlaceSearchProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  onChoose: (place: PlaceMatch) => void;
}

/**
 * A town or postcode district, searched as it is typed and chosen from a list: the ARIA
 * combobox pattern (the list follows the box; up and down arrows move through it, Enter
 * chooses, Escape closes it). The first match is highlighted, so Enter takes it at once;
 * while the list is open Enter never sends the form.
 */
export function PlaceSearch({ label, hint, error, onChoose }: PlaceSearchProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const settled = useSettledValue(text.trim(), 200);
  const search = usePlaceSearch(open ? settled : '');

  const long = text.trim().length >= MIN_PLACE_QUERY;
  // Only an answer to what is in the box now may be chosen from: never one a keystroke ago.
  const current =
    open && long && settled === text.trim() && search.isSuccess && !search.isPlaceholderData;
  const items = current ? search.data.items : [];
  const listShown = items.length > 0;
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  function choose(place: PlaceMatch) {
    setText(placeLabel(place));
    setOpen(false);
    onChoose(place);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive(Math.min(activeIndex + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(activeIndex - 1, 0));
    } else if (event.key === 'Enter' && open && long) {
      // The form's Continue must wait until a place is chosen from the list.
      event.preventDefault();
      const place = items[activeIndex];
      if (place) choose(place);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  let status = '';
  let statusShown = false;
  if (open && long) {
    if (search.isError) {
      status =
        'Place search is not working at the moment. Click the map, or enter the longitude and latitude instead.';
      statusShown = true;
    } else if (!current) {
      status = 'Searching…';
    } else if (items.length === 0) {
      status = `No town or postcode district matches “${text.trim()}”. Check the spelling, or try the first half of the postcode, such as OX4.`;
      statusShown = true;
    } else {
      status = `${items.length === 1 ? '1 place' : `${items.length} places`} found. Use the up and down arrows to choose one, then press Enter.`;
    }
  }

  return (
    <div className="field place-search">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="place-search__box">
        <input
          id={id}
          className="field__input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listShown}
          aria-controls={listId}
          aria-activedescendant={listShown ? `${listId}-${activeIndex}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint && hintId, error && errorId)}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          className="place-search__list"
          role="listbox"
          aria-label="Places found"
          hidden={!listShown}
        >
          {items.map((place, index) => (
            <li
              key={`${place.kind} ${place.name} ${place.lon} ${place.lat}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="place-search__option"
              // Chosen on click, before the box's blur closes the list.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(place)}
            >
              <span className="place-search__name">{place.name}</span>
              <span className="place-search__detail">{placeDetail(place)}</span>
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className={statusShown ? 'place-search__status' : 'visually-hidden'}>
        {status}
      </p>
      <FieldError id={errorId} label={label} message={error} />
    </div>
  );
}
