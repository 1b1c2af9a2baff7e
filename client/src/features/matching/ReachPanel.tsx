import { useId } from 'react';
import { formatGbp } from '@shared/money';
import { QueryState } from '../../components/QueryState';
import { formatCount } from '../activities/activity-format';
import { useReach } from './matching.queries';
import './matching.css';

const score = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * "What your priorities can reach": how many activities the tender's priorities match and
 * how many have room left, from how many providers, whether their room covers the baseline,
 * and how many are where the need is (the most deprived fifth of districts, areas no
 * awarded SPO supports yet), with the same per territory.
 */
export function ReachPanel({ tenderId }: { tenderId: string }) {
  const reach = useReach(tenderId);
  const headingId = useId();
  return (
    <section className="reach-panel" aria-labelledby={headingId} data-testid="reach-panel">
      <h2 id={headingId}>What your priorities can reach</h2>
      <QueryState
        query={reach}
        loading="Working out what the priorities reach…"
        errorTitle="What the priorities can reach could not be worked out"
        empty={{
          when: (r) => r.activities === 0,
          content: (
            <p className="muted">
              No active activity matches these priorities yet. Wider focus areas or more themes
              would reach more.
            </p>
          ),
        }}
      >
        {(r) => (
          <>
            <dl className="reach-panel__figures">
              <div>
                <dt>Activities matched</dt>
                <dd>{formatCount(r.activities)}</dd>
              </div>
              <div>
                <dt>With room for a new line</dt>
                <dd>{formatCount(r.activitiesWithRoom)}</dd>
              </div>
              <div>
                <dt>Providers</dt>
                <dd>{formatCount(r.providers)}</dd>
              </div>
              <div>
                <dt>Room left a year</dt>
                <dd>
                  {formatGbp(r.roomPence)}{' '}
                  <span
                    className={
                      r.coversBaseline
                        ? 'reach-panel__verdict reach-panel__verdict--covers'
                        : 'reach-panel__verdict'
                    }
                    data-testid="reach-covers"
                  >
                    {r.coversBaseline
                      ? `covers the ${formatGbp(r.baselineAnnualPence)} baseline`
                      : `short of the ${formatGbp(r.baselineAnnualPence)} baseline by ${formatGbp(r.baselineAnnualPence - r.roomPence)}`}
                  </span>
                </dd>
              </div>
              <div>
                <dt>In the most deprived fifth of districts</dt>
                <dd>{formatCount(r.inMostDeprivedQuintile)}</dd>
              </div>
              <div>
                <dt>In areas no awarded SPO supports yet</dt>
                <dd>{formatCount(r.inUnsupportedCells)}</dd>
              </div>
            </dl>
            {r.byTerritory.length > 0 ? (
              <div className="table-scroll">
                <table className="table">
                  <caption>By territory</caption>
                  <thead>
                    <tr>
                      <th scope="col">Territory</th>
                      <th scope="col" className="table__number">
                        Activities
                      </th>
                      <th scope="col" className="table__number">
                        Room left a year
                      </th>
                      <th scope="col" className="table__number">
                        Population
                      </th>
                      <th scope="col" className="table__number">
                        Deprivation score
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.byTerritory.map((t) => (
                      <tr key={t.code}>
                        <th scope="row">{t.name}</th>
                        <td className="table__number">{formatCount(t.activities)}</td>
                        <td className="table__number">{formatGbp(t.roomPence)}</td>
                        <td className="table__number">
                          {t.population === null ? 'No data' : formatCount(t.population)}
                        </td>
                        <td className="table__number">
                          {t.deprivationScore === null
                            ? 'No data'
                            : score.format(t.deprivationScore)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
