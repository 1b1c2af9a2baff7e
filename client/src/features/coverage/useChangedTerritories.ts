import { useEffect, useState } from 'react';
import type { TerritoryCoverage } from '@shared/schemas/coverage';

const NONE: ReadonlySet<string> = new Set();

/** The figures a territory shows in the table and on the map, to tell when they change. */
function shownFigures(row: TerritoryCoverage): string {
  return [
    row.activitiesListed,
    row.activitiesSupported,
    row.committedPence,
    row.fundingGapPence,
    row.pipelinePence,
  ].join('|');
}

/**
 * The territories whose figures changed in the latest answer, for `durationMs` after it
 * arrived, so that the page can highlight what a live update changed. The first answer (and
 * the first after a reset, such as signing in) changes nothing.
 */
export function useChangedTerritories(
  rows: readonly TerritoryCoverage[] | undefined,
  durationMs = 2_000,
): ReadonlySet<string> {
  const [baseline, setBaseline] = useState(rows);
  const [changed, setChanged] = useState(NONE);

  // Compared while rendering (React's pattern for state derived from the previous props), so
  // the highlight appears in the same frame as the new figures.
  if (rows !== baseline) {
    setBaseline(rows);
    if (baseline && rows) {
      const before = new Map(baseline.map((row) => [row.code, shownFigures(row)]));
      const codes = rows
        .filter((row) => before.has(row.code) && before.get(row.code) !== shownFigures(row))
        .map((row) => row.code);
      if (codes.length > 0) setChanged((current) => new Set([...current, ...codes]));
    }
  }

  useEffect(() => {
    if (changed.size === 0) return;
    const timer = window.setTimeout(() => setChanged(NONE), durationMs);
    return function stopHighlight() {
      window.clearTimeout(timer);
    };
  }, [changed, durationMs]);

  return changed;
}
