import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatGbp } from '@shared/money';
import { THEME_LABELS, Themes } from '@shared/schemas/activities';
import type { MatchResult } from '@shared/schemas/matching';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { pageCount, Pager, usePageTurns } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { formatCount, pluralise } from '../activities/activity-format';
import type { MatchParams } from './matching.keys';
import { useMatches } from './matching.queries';
import { formatScore, ScoreFactors } from './ScoreFactors';
import './matching.css';

const PAGE_SIZE = 10;
const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);

interface MatchListProps {
  tenderId: string;
  /** "Add to my SPO" on each match, for a supplier who may bid; none for anyone else. */
  onAdd?: ((match: MatchResult) => void) | undefined;
  /** The match whose "Add to my SPO" is under way. */
  addingId?: string | undefined;
}

/**
 * The activities ranked for a tender, best first: each with its score and rank, the room
 * it has left, and why it scores as it does (every factor, its weight and what it rests
 * on), filtered by theme, to the focus areas, or to those with room; a page at a time,
 * under the formula in words.
 */
export function MatchList({ tenderId, onAdd, addingId }: MatchListProps) {
  const [params, setParams] = useState<MatchParams>({
    page: 1,
    pageSize: PAGE_SIZE,
    withRoom: true,
  });
  const matches = useMatches(tenderId, params);
  const { headingRef, goTo } = usePageTurns(params.page, (page) =>
    setParams((p) => ({ ...p, page })),
  );
  const headingId = useId();

  function filter(changes: Partial<MatchParams>) {
    setParams((p) => ({ ...p, ...changes, page: 1 }));
  }

  const data = matches.data;
  const totalPages = data ? pageCount(data) : 1;

  return (
    <section className="match-list" aria-labelledby={headingId} data-testid="match-list">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Find matching activities
      </h2>
      <form
        className="activity-filters match-list__filters"
        aria-label="Filter the matches"
        onSubmit={(event) => event.preventDefault()}
      >
        <ChoiceFilter
          label="Theme"
          name="theme"
          value={params.theme}
          onChange={(theme) => filter({ theme })}
          anyLabel="All themes"
          options={THEME_OPTIONS}
        />
        <div className="match-list__checks">
          <label className="checkbox">
            <input
              type="checkbox"
              name="focusOnly"
              checked={params.focusOnly === true}
              onChange={(event) => filter({ focusOnly: event.target.checked || undefined })}
            />
            Only in the buyer’s focus areas
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              name="withRoom"
              checked={params.withRoom}
              onChange={(event) => filter({ withRoom: event.target.checked })}
            />
            Only activities with room for a new line
          </label>
        </div>
      </form>
      {data ? (
        <details className="match-list__formula">
          <summary>How the score is worked out</summary>
          <p data-testid="match-formula">{data.formula}</p>
          <p>
            The buyer’s baseline asks {formatGbp(data.baselineAnnualPence)} of social value a year
            from this contract.
          </p>
        </details>
      ) : null}
      <QueryState
        query={matches}
        loading="Ranking the activities…"
        errorTitle="The matches could not be loaded"
        empty={{
          when: ({ items }) => items.length === 0,
          content: (
            <p className="muted" data-testid="matches-empty">
              No activity matches these filters. Try all themes, or include activities outside the
              focus areas or without room.
            </p>
          ),
        }}
      >
        {({ items }) => (
          <ol
            className={`match-list__items${matches.isPlaceholderData ? ' activity-list__items--stale' : ''}`}
            aria-busy={matches.isPlaceholderData || undefined}
          >
            {items.map((match) => (
              <MatchItem
                key={match.activity.id}
                match={match}
                onAdd={onAdd}
                adding={addingId === match.activity.id}
              />
            ))}
          </ol>
        )}
      </QueryState>
      {data && data.total > 0 ? (
        <Pager
          label="Pages of matching activities"
          page={params.page}
          totalPages={totalPages}
          onGoTo={goTo}
          data-testid="matches-total"
        >
          Page {formatCount(data.page)} of {formatCount(totalPages)},{' '}
          {pluralise(data.total, 'matching activity', 'matching activities')}
        </Pager>
      ) : null}
    </section>
  );
}

function MatchItem({
  match,
  onAdd,
  adding,
}: {
  match: MatchResult;
  onAdd: MatchListProps['onAdd'];
  adding: boolean;
}) {
  const { activity } = match;
  return (
    <li className="match-card" data-testid="match" data-activity-id={activity.id}>
      <p className="match-card__rank">
        <span className="visually-hidden">Rank </span>
        {match.rank}
      </p>
      <div className="match-card__body">
        <h3 className="match-card__title">
          <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
        </h3>
        <p className="activity-card__meta">
          {activity.provider.name}; {activity.lad ? `${activity.lad.name}, ` : ''}
          {activity.territory.name}
          {activity.themes.length > 0
            ? `; ${activity.themes.map((t) => THEME_LABELS[t]).join(', ')}`
            : ''}
        </p>
        <p className="match-card__facts">
          <span className="match-card__score" data-testid="match-score">
            Score {formatScore(match.score)}
          </span>
          <span>
            {match.roomPence > 0 ? `Room for ${formatGbp(match.roomPence)} a year` : 'No room left'}
          </span>
          {match.inYourSpoPence > 0 ? (
            <span>{formatGbp(match.inYourSpoPence)} a year in your SPO</span>
          ) : null}
          {onAdd && match.roomPence > 0 ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => onAdd(match)}
              disabled={adding}
            >
              {adding ? 'Opening…' : 'Add to my SPO'}
              <span className="visually-hidden">: {activity.title}</span>
            </button>
          ) : null}
        </p>
        <ScoreFactors factors={match.factors} />
      </div>
    </li>
  );
}
