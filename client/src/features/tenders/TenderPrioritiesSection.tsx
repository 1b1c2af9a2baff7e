import { DEFAULT_MATCH_WEIGHTS, MATCH_FACTOR_LABELS, MatchFactors } from '@shared/matching';
import { PRIORITY_GROUP_LABELS, THEME_LABELS } from '@shared/schemas/activities';
import type { TenderPrioritiesView } from '@shared/schemas/matching';
import './tender-priorities.css';

/** "a, b and c", as a sentence lists things. */
function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** How much each factor counts, the buyer's changes from the defaults said as such. */
function WeightsTable({ weights }: { weights: TenderPrioritiesView['weights'] }) {
  return (
    <table className="table" data-testid="tender-priority-weights">
      <caption className="table__caption">How much each factor counts (0 to 10)</caption>
      <thead>
        <tr>
          <th scope="col">Factor</th>
          <th scope="col">Weight</th>
        </tr>
      </thead>
      <tbody>
        {MatchFactors.map((factor) => {
          const weight = weights[factor];
          const standard = DEFAULT_MATCH_WEIGHTS[factor];
          return (
            <tr key={factor}>
              <th scope="row">{MATCH_FACTOR_LABELS[factor]}</th>
              <td>
                {weight}
                {weight === standard ? null : (
                  <span className="muted"> (the default is {standard})</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A tender's local priorities in plain words, for anyone who can see the tender: what the
 * buyer wants the social value to reach, and how suppliers' matches are weighed.
 */
export function TenderPrioritiesSection({ priorities }: { priorities: TenderPrioritiesView }) {
  const { themes, groups, measures, focusAreas, deliverySites, weights } = priorities;
  const stated =
    themes.length + groups.length + measures.length + focusAreas.length + deliverySites.length > 0;
  const groupWords = groups.map((g) =>
    g === 'care_leavers'
      ? `${PRIORITY_GROUP_LABELS[g].toLowerCase()} (the One in a Million lead cohort)`
      : PRIORITY_GROUP_LABELS[g].toLowerCase(),
  );
  const areaWords = focusAreas.map((a) => (a.kind === 'territory' ? `all of ${a.name}` : a.name));

  return (
    <section
      className="section tender-priorities-view"
      aria-labelledby="tender-priorities-heading"
      data-testid="tender-priorities"
    >
      <h3 id="tender-priorities-heading">Local priorities</h3>
      {stated ? (
        <dl className="details">
          {themes.length > 0 ? (
            <>
              <dt>Themes</dt>
              <dd>{sentence(listInWords(themes.map((t) => THEME_LABELS[t].toLowerCase())))}</dd>
            </>
          ) : null}
          {groups.length > 0 ? (
            <>
              <dt>Priority groups</dt>
              <dd>{sentence(listInWords(groupWords))}</dd>
            </>
          ) : null}
          {measures.length > 0 ? (
            <>
              <dt>TOMs measures</dt>
              <dd>
                <ul className="tender-priorities-view__list">
                  {measures.map((m) => (
                    <li key={`${m.framework} ${m.code}`}>
                      <code>{m.code}</code> {m.title}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {focusAreas.length > 0 ? (
            <>
              <dt>Focus areas</dt>
              <dd>{sentence(listInWords(areaWords))}</dd>
            </>
          ) : null}
          {deliverySites.length > 0 ? (
            <>
              <dt>Delivery sites</dt>
              <dd>
                <ul className="tender-priorities-view__list">
                  {deliverySites.map((site, i) => (
                    <li key={i}>
                      {site.label}{' '}
                      <span className="muted">
                        ({site.location.lat.toFixed(4)}, {site.location.lon.toFixed(4)})
                      </span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>
          The buyer has stated no local priorities: activities are matched on the territories, their
          need and the room they have left.
        </p>
      )}
      <details>
        <summary>How suppliers’ matches are weighed</summary>
        <WeightsTable weights={weights} />
      </details>
    </section>
  );
}
