import type { FactorView } from '@shared/schemas/matching';
import './matching.css';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** A score out of 100, as people read it: "72 out of 100". */
export function formatScore(score: number): string {
  return `${Math.round(score)} out of 100`;
}

interface ScoreFactorsProps {
  factors: FactorView[];
  /** What the score is of, for the summary: "Why this score". */
  summary?: string;
}

/**
 * Why a match scores as it does, folded away under "Why this score": each factor with how
 * far it is met (a bar and a figure), how much it weighs, and what it rests on in words.
 * A factor with nothing to go on says "no data" rather than counting as nought.
 */
export function ScoreFactors({ factors, summary = 'Why this score' }: ScoreFactorsProps) {
  return (
    <details className="score-factors">
      <summary>{summary}</summary>
      <table className="table score-factors__table">
        <caption className="visually-hidden">
          Each factor of the score, how far it is met and how much it weighs
        </caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Met</th>
            <th scope="col" className="table__number">
              Weight
            </th>
            <th scope="col">Because</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((factor) => (
            <tr key={factor.factor} data-factor={factor.factor}>
              <th scope="row">{factor.label}</th>
              <td>
                {factor.value === null ? (
                  <span className="muted">No data</span>
                ) : (
                  <span className="score-factors__met">
                    {/* The figure beside it says the same to screen readers. */}
                    <span className="score-bar" aria-hidden="true">
                      <span
                        className="score-bar__fill"
                        style={{ width: `${Math.round(factor.value * 100)}%` }}
                      />
                    </span>
                    {percent.format(factor.value)}
                  </span>
                )}
              </td>
              <td className="table__number">{factor.weight}</td>
              <td>{factor.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
