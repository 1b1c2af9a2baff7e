import { useId, useMemo, useState } from 'react';
import type { MeasureRef } from '@shared/schemas/activities';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describedBy, FieldError } from '../../components/FieldError';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useTomsMeasures } from '../toms/toms.queries';
import { formatDecimalGbp } from './activity-format';
import { FrameworkCredit } from '../toms/FrameworkCredit';

const refKey = (m: MeasureRef) => `${m.framework} ${m.code}`;

function normalise(text: string): string {
  return text.trim().toLocaleLowerCase('en-GB');
}

interface MeasurePickerProps {
  value: MeasureRef[];
  onChange: (value: MeasureRef[]) => void;
  error?: string | undefined;
}

/**
 * Chooses the TOMs measures an activity can evidence: a checkbox each, with a filter, since
 * the list is long and people look for a code or a word in it.
 */
export function MeasurePicker({ value, onChange, error }: MeasurePickerProps) {
  const measures = useTomsMeasures();
  const [filter, setFilter] = useState('');
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const chosen = new Set(value.map(refKey));
  const frameworks = useMemo(
    () => new Set((measures.data ?? []).map((m) => m.framework)),
    [measures.data],
  );
  const query = normalise(filter);
  const shown = (measures.data ?? []).filter((m) =>
    [m.code, m.measure, m.theme].some((text) => normalise(text).includes(query)),
  );

  function handleToggle(ref: MeasureRef, checked: boolean) {
    onChange(checked ? [...value, ref] : value.filter((m) => refKey(m) !== refKey(ref)));
  }

  let body;
  if (measures.isPending) {
    body = <LoadingMessage>Loading TOMs measures…</LoadingMessage>;
  } else if (measures.isError) {
    body = (
      <ErrorMessage
        title="The TOMs measures could not be loaded"
        error={measures.error}
        onRetry={() => void measures.refetch()}
        isRetrying={measures.isFetching}
      />
    );
  } else if (measures.data.length === 0) {
    body = <p className="muted">No TOMs measures are available yet.</p>;
  } else {
    body = (
      <>
        <label className="field__label" htmlFor={`${id}-filter`}>
          Filter measures
        </label>
        <input
          id={`${id}-filter`}
          className="field__input"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <p className="territory-picker__count" role="status">
          {value.length === 1 ? '1 measure chosen' : `${value.length} measures chosen`}
        </p>
        <div className="measure-picker__options">
          {shown.length === 0 ? <p>No measure matches “{filter.trim()}”.</p> : null}
          {shown.map((measure) => {
            const ref = { framework: measure.framework, code: measure.code };
            return (
              <label key={refKey(ref)} className="checkbox measure-picker__option">
                <input
                  type="checkbox"
                  name="measures"
                  value={refKey(ref)}
                  checked={chosen.has(refKey(ref))}
                  onChange={(event) => handleToggle(ref, event.target.checked)}
                />
                <span>
                  <code>{measure.code}</code> {measure.measure}{' '}
                  <span className="muted">
                    ({formatDecimalGbp(measure.proxyValueGbp)} per {measure.unit}
                    {frameworks.size > 1 ? `, ${measure.framework}` : ''})
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </>
    );
  }

  return (
    <fieldset
      className="field fieldset measure-picker"
      aria-describedby={describedBy(hintId, error && errorId)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">TOMs measures</legend>
      <p id={hintId} className="field__hint">
        The social value measures this activity can evidence for a buyer’s contract.
      </p>
      <FieldError id={errorId} label="TOMs measures" message={error} />
      {body}
      <FrameworkCredit />
    </fieldset>
  );
}
