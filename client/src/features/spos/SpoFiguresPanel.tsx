import { useId } from 'react';
import { COST_AREA_LABELS } from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { formatGbpToPenny } from '../../lib/money-format';
import { CONFIDENCE_LABELS, pluralise } from '../activities/activity-format';
import { BandBadge } from '../tenders/TenderBadges';
import type { LiveFigures } from './spo-figures';

/** "Low", "Low to high": how sure the estimates behind a secondary figure are. */
function describeConfidence(confidence: LiveFigures['secondary'][number]['confidence']): string {
  const order = ['low', 'medium', 'high'] as const;
  const present = order.filter((level) => confidence.includes(level));
  const [first] = present;
  const last = present[present.length - 1];
  if (!first || !last) return 'Not stated';
  return first === last
    ? CONFIDENCE_LABELS[first]
    : `${CONFIDENCE_LABELS[first]} to ${CONFIDENCE_LABELS[last].toLowerCase()}`;
}

interface SpoFiguresPanelProps {
  figures: LiveFigures;
  durationYears: number;
}

/**
 * The SPO's figures: the primary impact (cash and in kind) against the tender's One in a
 * Million baseline and bands, the TOMs proxy value, and the secondary impact (public-service
 * costs avoided), which is listed apart and never added to the total.
 */
export function SpoFiguresPanel({ figures, durationYears }: SpoFiguresPanelProps) {
  const headingId = useId();
  const gap = figures.baselinePencePerMillion - figures.ratePencePerMillion;
  return (
    <section
      className="spo-figures"
      aria-labelledby={headingId}
      data-testid="spo-figures"
      data-rate-pence={figures.ratePencePerMillion}
      data-band={figures.band}
      data-compliant={figures.compliant ? 'true' : 'false'}
      data-annual-pence={figures.annualContributionPence}
      data-proxy-pence={figures.annualProxyPence}
    >
      <h3 id={headingId}>Figures</h3>
      {figures.includesDraft ? (
        <p className="form__note">Including the line you are adding.</p>
      ) : null}
      <dl className="details">
        <dt>Contribution</dt>
        <dd>
          <strong>{formatGbp(figures.annualContributionPence)} a year</strong> in cash and in kind;{' '}
          {formatGbp(figures.totalContributionPence)} over {pluralise(durationYears, 'year')}
        </dd>
        <dt>Rate per £1m</dt>
        <dd>
          <strong>{formatGbpToPenny(figures.ratePencePerMillion)}</strong> a year, against a
          baseline of {formatGbpToPenny(figures.baselinePencePerMillion)}
        </dd>
        <dt>Compliance</dt>
        <dd>
          {figures.compliant ? (
            <span className="badge badge--ok">Meets the baseline</span>
          ) : (
            <>
              <span className="badge badge--warning">Below the baseline</span>{' '}
              {gap > 0 ? `${formatGbpToPenny(gap)} per £1m short` : null}
            </>
          )}
        </dd>
        <dt>Band</dt>
        <dd>
          <BandBadge band={figures.band} />
        </dd>
        <dt>TOMs value</dt>
        <dd>
          {formatGbp(figures.annualProxyPence)} a year; {formatGbp(figures.totalProxyPence)} over
          the contract
        </dd>
      </dl>
      <h4>Secondary impact: public-service costs avoided</h4>
      <p className="form__note">
        What the linked activities estimate they save the police, NHS, councils and justice a year:
        not added to the total, and not part of the rate.
      </p>
      {figures.secondary.length === 0 ? (
        <p className="muted">No linked activity estimates costs avoided.</p>
      ) : (
        <table className="table" data-testid="spo-secondary">
          <caption className="visually-hidden">
            Costs avoided a year, by public service (not added to the total)
          </caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col" className="table__number">
                A year
              </th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {figures.secondary.map((item) => (
              <tr key={item.area}>
                <th scope="row">{COST_AREA_LABELS[item.area]}</th>
                <td className="table__number">{formatGbp(item.annualPence)}</td>
                <td>{describeConfidence(item.confidence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
