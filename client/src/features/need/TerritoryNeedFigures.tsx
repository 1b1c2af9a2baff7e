import { useId } from 'react';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import {
  formatPct,
  formatPopulation,
  formatScore,
  formatShareOrNoData,
  NO_DATA,
} from './need-format';
import { NeedAttribution } from './NeedAttribution';
import { useTerritoryNeed } from './need.queries';
import './need.css';

/** The period a figure is for, under it; nothing when the figure is missing. */
function Period({ value, text }: { value: number | null; text: string | null }) {
  if (value === null || text === null) return null;
  return <span className="need-figures__period">{text}</span>;
}

/**
 * A territory's local need: its districts' figures weighted by population, "no data" where
 * the open data has none, with the credits the data asks for.
 */
export function TerritoryNeedFigures({ code }: { code: string }) {
  const headingId = useId();
  const query = useTerritoryNeed(code);

  let body;
  if (query.isPending) {
    body = <LoadingMessage>Loading need figures…</LoadingMessage>;
  } else if (query.isError) {
    body = <QueryError title="The need figures could not be loaded" query={query} />;
  } else {
    const need = query.data.territory;
    body = (
      <>
        <dl className="need-figures" data-testid="territory-need">
          <dt>Population (mid-2020)</dt>
          <dd>{formatPopulation(need.population)}</dd>
          <dt>Deprivation score</dt>
          <dd>{formatScore(need.deprivationScore)}</dd>
          <dt>People in the most deprived fifth of districts</dt>
          <dd>{formatShareOrNoData(need.mostDeprivedQuintileShare)}</dd>
          <dt>Children in poverty, after housing costs</dt>
          <dd>
            {formatPct(need.childPovertyPct)}
            <Period value={need.childPovertyPct} text={need.childPovertyPeriod} />
          </dd>
          <dt>Claimant count, residents aged 16–64</dt>
          <dd>
            {formatPct(need.claimantPct)}
            <Period value={need.claimantPct} text={need.claimantPeriod} />
          </dd>
          <dt>Homicides per million people, over three years</dt>
          <dd>
            {need.homicidePerMillion === null ? NO_DATA : formatScore(need.homicidePerMillion)}
            <Period value={need.homicidePerMillion} text={need.homicidePeriod} />
          </dd>
        </dl>
        <p className="need-figures__note">
          Figures of the territory’s {need.lads === 1 ? 'district' : `${need.lads} districts`},
          weighted by population. The deprivation score is mySociety’s composite UK index: higher is
          more deprived.
        </p>
        <NeedAttribution />
      </>
    );
  }

  return (
    <section className="territory-need" aria-labelledby={headingId}>
      <h3 id={headingId}>Local need</h3>
      {body}
    </section>
  );
}
