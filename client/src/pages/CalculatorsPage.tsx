import { OneInAMillionCalculator } from '../features/calculators/OneInAMillionCalculator';
import { TomsCalculator } from '../features/calculators/TomsCalculator';
import { useDocumentTitle } from '../lib/document-title';

/** `/calculators`: the public One in a Million and TOMs calculators; no sign-in needed. */
export function CalculatorsPage() {
  useDocumentTitle('Calculators');
  return (
    <div className="page">
      <article className="page__inner page__inner--wide" aria-labelledby="calculators-heading">
        <h2 id="calculators-heading">Social value calculators</h2>
        <p className="page__intro">
          Work out what a One in a Million commitment asks of a contract, and what a pledge of TOMs
          measures is worth, with the same arithmetic tenders and Social Purchase Orders use here.
        </p>
        <OneInAMillionCalculator />
        <TomsCalculator />
      </article>
    </div>
  );
}
