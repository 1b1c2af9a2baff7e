import { useId } from 'react';
import {
  FIGURE_LABELS,
  formatFigure,
  type Classification,
  type CoverageFigure,
  type FigureClass,
} from './coverage-figures';

function classLabel(item: FigureClass, index: number, figure: CoverageFigure): string {
  if (index === 0) return `None (${formatFigure(0, figure)})`;
  if (item.min === null || item.max === null) return 'No territory in this class';
  if (item.min === item.max) return formatFigure(item.min, figure);
  return `${formatFigure(item.min, figure)} – ${formatFigure(item.max, figure)}`;
}

interface CoverageLegendProps {
  figure: CoverageFigure;
  classification: Classification;
}

/** The map's key: the five colours with the values the territories in each actually have. */
export function CoverageLegend({ figure, classification }: CoverageLegendProps) {
  const titleId = useId();
  const allNone = classification.classes.every((item, index) => index === 0 || item.count === 0);
  return (
    <section className="coverage-legend" data-testid="coverage-legend" aria-labelledby={titleId}>
      <h3 id={titleId} className="coverage-legend__title">
        {FIGURE_LABELS[figure]}
      </h3>
      <ul className="coverage-legend__classes">
        {classification.classes.map((item, index) => (
          <li key={item.colour} data-class={index}>
            <span
              className="coverage-legend__swatch"
              style={{ backgroundColor: item.colour }}
              aria-hidden="true"
            />
            <span>{classLabel(item, index, figure)}</span>
            {item.count > 0 || index === 0 ? (
              <span className="coverage-legend__count">
                {item.count === 1 ? '1 territory' : `${item.count} territories`}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="coverage-legend__note">
        {allNone
          ? 'No territory has a value above zero yet.'
          : 'Territories above zero are split into four groups of about equal size.'}
      </p>
    </section>
  );
}
