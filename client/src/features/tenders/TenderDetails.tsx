import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { annualContributionPence, type Band } from '@shared/social-value';
import { Paragraphs } from '../../components/Paragraphs';
import { formatDateTime } from '../../lib/date-time';
import { DemoBadge, VerifiedBadge } from '../activities/ActivityBadges';
import { formatDate, pluralise } from '../activities/activity-format';
import { BandBadge, ClosingTime, TenderStatusBadge } from './TenderBadges';
import { TenderPrioritiesSection } from './TenderPrioritiesSection';

/** The bands as the tender sets them: where each starts, per £1m and for this contract. */
function BandsTable({ tender }: { tender: TenderView }) {
  const rows: { band: Band; rate: number; from: boolean }[] = [
    { band: 'below_baseline', rate: tender.baselinePencePerMillion, from: false },
    { band: 'baseline', rate: tender.baselinePencePerMillion, from: true },
    { band: 'mid', rate: tender.midPencePerMillion, from: true },
    { band: 'higher_ambition', rate: tender.higherAmbitionPencePerMillion, from: true },
  ];
  return (
    <table className="table" data-testid="tender-bands">
      <caption className="table__caption">Scoring bands</caption>
      <thead>
        <tr>
          <th scope="col">Band</th>
          <th scope="col">A year per £1m</th>
          <th scope="col">A year for this contract</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ band, rate, from }) => {
          const annual = annualContributionPence(tender.annualValuePence, rate);
          const word = from ? 'From' : 'Less than';
          return (
            <tr key={band}>
              <th scope="row">
                <BandBadge band={band} />
              </th>
              <td>
                {word} {formatGbp(rate)}
              </td>
              <td>
                {word} {formatGbp(annual)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface TenderDetailsProps {
  tender: TenderView;
  /** What the viewer can do (publish, cancel, prepare an SPO), shown under the heading. */
  actions?: ReactNode;
}

/** Everything about one tender, as its page shows it to anyone, with the viewer's actions. */
export function TenderDetails({ tender, actions }: TenderDetailsProps) {
  const totalValue = tender.annualValuePence * tender.durationYears;
  return (
    <>
      <h2 className="tender-page__title">{tender.title}</h2>
      <p className="badges">
        <TenderStatusBadge status={tender.status} />
        {tender.buyer.demo ? <DemoBadge /> : null}
      </p>
      <p className="activity-page__provider">
        Buyer:{' '}
        <Link to={`/organisations/${encodeURIComponent(tender.buyer.id)}`}>
          {tender.buyer.name}
        </Link>{' '}
        {tender.buyer.verified ? <VerifiedBadge /> : null}
      </p>
      <p className="tender-page__closing" data-testid="tender-closing">
        <ClosingTime tender={tender} />
      </p>
      {actions}
      {tender.status === 'cancelled' ? (
        <p className="notice" role="status">
          <strong>Cancelled.</strong> This tender ended without an award.
        </p>
      ) : null}

      <p className="tender-page__baseline" data-testid="tender-baseline">
        The One in a Million baseline is{' '}
        <strong>{formatGbp(tender.baselinePencePerMillion)} a year per £1m</strong> of the
        contract’s annual value, so <strong>{formatGbp(tender.baselineAnnualPence)} a year</strong>{' '}
        for this contract ({formatGbp(tender.baselineAnnualPence * tender.durationYears)} over{' '}
        {pluralise(tender.durationYears, 'year')}), committed to community activities in its
        territories.
      </p>

      <dl className="details">
        <dt>Reference</dt>
        <dd>{tender.reference}</dd>
        <dt>Open Contracting ID</dt>
        <dd>
          <code>{tender.ocid}</code>
        </dd>
        <dt>Contract value</dt>
        <dd>
          {formatGbp(tender.annualValuePence)} a year; {formatGbp(totalValue)} over{' '}
          {pluralise(tender.durationYears, 'year')}
        </dd>
        <dt>Contract starts</dt>
        <dd>{formatDate(tender.startDate)}</dd>
        <dt>Bids close</dt>
        <dd>{formatDateTime(tender.closesAt)}</dd>
        <dt>Social value weighting</dt>
        <dd>{tender.weightingPct}% of the overall score</dd>
        <dt>Territories</dt>
        <dd>
          <ul className="inline-list">
            {tender.territories.map((territory) => (
              <li key={territory.code}>
                <Link to={`/territories/${encodeURIComponent(territory.code)}`}>
                  {territory.name}
                </Link>
              </li>
            ))}
          </ul>
        </dd>
        {tender.awardedAt ? (
          <>
            <dt>Awarded</dt>
            <dd>{formatDateTime(tender.awardedAt)}</dd>
          </>
        ) : null}
      </dl>

      <BandsTable tender={tender} />

      <TenderPrioritiesSection priorities={tender.priorities} />

      {tender.description ? (
        <section className="section" aria-labelledby="tender-about-heading">
          <h3 id="tender-about-heading">About the contract</h3>
          <Paragraphs text={tender.description} />
        </section>
      ) : null}
    </>
  );
}
