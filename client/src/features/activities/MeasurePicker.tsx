import { useMemo, useState } from 'react';
import type { MeasureRef } from '@shared/schemas/activities';
import { searchMeasures } from '@shared/toms-search';
import { QueryError } from '../../components/QueryState';
import { ChoiceListFilter } from '../../components/ChoiceListFilter';
import { FieldGroup } from '../../components/FieldGroup';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useTomsMeasures } from '../toms/toms.queries';
import { formatDecimalGbp } from './activity-format';
import { FrameworkCredit } from '../toms/FrameworkCredit';

const refKey = (m: MeasureRef) => `${m.framework} ${m.code}`;

interface MeasurePickerProps {
  value: MeasureRef[];
  onChange: (value: MeasureRef[]) => void;
  error?: string | undefined;
  /** What the measures are for, under the legend (an activity's, unless said). */
  hint?: string;
}

/**
 * Chooses the TOMs measures an activity can evidence: a checkbox each, with a search over
 * their codes, descriptions and themes, since the list is long and people look for a code
 * or a plain word in it.
 */
export function MeasurePicker({
  value,
  onChange,
  error,
  hint = 'The social value measures this activity can evidence for a buyer’s contract.',
}: MeasurePickerProps) {
  const measures = useTomsMeasures();
  const [filter, setFilter] = useState('');
  const chosen = new Set(value.map(refKey));
  const frameworks = useMemo(
    () => new Set((measures.data ?? []).map((m) => m.framework)),
    [measures.data],
  );
  // The server's search too (`?q=`): plain words ("youth", "carbon") find the measures
  // written in procurement language ("NEETs", "net zero").
  const shown = useMemo(() => searchMeasures(measures.data ?? [], filter), [measures.data, filter]);

  function handleToggle(ref: MeasureRef, checked: boolean) {
    onChange(checked ? [...value, ref] : value.filter((m) => refKey(m) !== refKey(ref)));
  }

  let body;
  if (measures.isPending) {
    body = <LoadingMessage>Loading TOMs measures…</LoadingMessage>;
  } else if (measures.isError) {
    body = <QueryError title="The TOMs measures could not be loaded" query={measures} />;
  } else if (measures.data.length === 0) {
    body = <p className="muted">No TOMs measures are available yet.</p>;
  } else {
    body = (
      <>
        <ChoiceListFilter
          label="Search measures"
          hint="By code, or by words such as youth, apprentices or carbon."
          value={filter}
          onChange={setFilter}
          chosen={value.length === 1 ? '1 measure chosen' : `${value.length} measures chosen`}
        />
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
    <FieldGroup
      legend="TOMs measures"
      hint={hint}
      error={error}
      optional
      className="measure-picker"
    >
      {body}
      <FrameworkCredit />
    </FieldGroup>
  );
}
