import { useId } from 'react';
import type { LadNeed } from '@shared/schemas/need';
import { QUINTILE_COLOURS, QUINTILE_LABELS } from './need-format';

function districts(n: number): string {
  return n === 1 ? '1 district' : `${n} districts`;
}

/** The need map's key: each quintile's colour and how many districts are in it, and "no data". */
export function NeedLegend({ lads }: { lads: readonly LadNeed[] }) {
  const titleId = useId();
  const counts = QUINTILE_COLOURS.map(
    (_colour, index) => lads.filter((lad) => lad.deprivationQuintile === index + 1).length,
  );
  const missing = lads.filter((lad) => lad.deprivationQuintile === null).length;
  return (
    <section className="need-legend" data-testid="need-legend" aria-labelledby={titleId}>
      <h4 id={titleId} className="need-legend__title">
        Deprivation by district (UK composite index, quintiles)
      </h4>
      <ul className="need-legend__classes">
        {QUINTILE_COLOURS.map((colour, index) => (
          <li key={colour} data-class={index + 1}>
            <span
              className="need-legend__swatch"
              style={{ backgroundColor: colour }}
              aria-hidden="true"
            />
            <span>{QUINTILE_LABELS[index]}</span>
            <span className="need-legend__count">{districts(counts[index] ?? 0)}</span>
          </li>
        ))}
        <li data-class="none">
          <span className="need-legend__swatch need-legend__swatch--no-data" aria-hidden="true" />
          <span>No data</span>
          <span className="need-legend__count">{districts(missing)}</span>
        </li>
      </ul>
      <p className="need-legend__note">
        Each class holds about a fifth of the UK’s people, so the classes have different numbers of
        districts.
      </p>
    </section>
  );
}
