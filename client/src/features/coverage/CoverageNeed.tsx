import { NEED_ATTRIBUTION, type TerritoryNeed } from '@shared/schemas/need';
import { formatPct, formatPopulation, formatScore, formatShareOrNoData } from './coverage-figures';

/** A figure and, when there is one, the period it covers: "31.2% (2024)", or "no data". */
function Dated({
  value,
  period,
  format,
}: {
  value: number | null;
  period: string | null;
  format: (value: number | null) => string;
}) {
  return (
    <>
      {format(value)}
      {value !== null && period !== null ? ` (${period})` : null}
    </>
  );
}

/** The credits the need data's licences ask for, wherever its figures are shown. */
export function NeedCredits() {
  return (
    <div className="form__note" data-testid="coverage-need-attribution">
      {NEED_ATTRIBUTION.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/**
 * A territory's local need beside its coverage: its districts' figures weighted by
 * population, "no data" wherever the open data has none (or the import has not run).
 */
export function CoverageNeed({ need }: { need: TerritoryNeed | null }) {
  return (
    <>
      <h4>Local need</h4>
      <dl className="details coverage-figures" data-testid="coverage-need">
        <dt>Population (mid-2020)</dt>
        <dd>{formatPopulation(need?.population ?? null)}</dd>
        <dt>Deprivation score</dt>
        <dd>{formatScore(need?.deprivationScore ?? null)}</dd>
        <dt>People in districts of the most deprived fifth</dt>
        <dd>{formatShareOrNoData(need?.mostDeprivedQuintileShare ?? null)}</dd>
        <dt>Children in poverty, after housing costs</dt>
        <dd>
          <Dated
            value={need?.childPovertyPct ?? null}
            period={need?.childPovertyPeriod ?? null}
            format={formatPct}
          />
        </dd>
        <dt>Claimant count, residents aged 16–64</dt>
        <dd>
          <Dated
            value={need?.claimantPct ?? null}
            period={need?.claimantPeriod ?? null}
            format={formatPct}
          />
        </dd>
        <dt>Homicides per million people, over three years</dt>
        <dd>
          <Dated
            value={need?.homicidePerMillion ?? null}
            period={need?.homicidePeriod ?? null}
            format={formatScore}
          />
        </dd>
      </dl>
      {need ? (
        <p className="form__note">
          Figures of the territory’s{' '}
          {need.lads === 1 ? 'one district' : `${formatPopulation(need.lads)} districts`}, weighted
          by population. The deprivation score is mySociety’s composite UK index: higher is more
          deprived.
        </p>
      ) : null}
      <NeedCredits />
    </>
  );
}
