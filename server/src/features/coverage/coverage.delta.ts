/**
 * Coverage by delta: what an activity adds to the figures (its *contribution*), and the
 * difference a write makes, as rows to add. A write reads its activities' contributions
 * before and after, and adds after − before; summed over every activity, the contributions
 * are the figures a full rebuild computes.
 */

/** One row of `contributions`' query: every kind in one shape, amounts as text (bigint). */
export interface ContributionRow {
  kind: 'territory' | 'hex' | 'theme' | 'sector' | 'secondary' | 'lad' | 'month' | 'link';
  territory: string;
  k1: string | null;
  k2: string | null;
  i: number | null;
  j: number | null;
  listed: number;
  supported: number;
  pence: string;
  gap: string;
  n: number;
}

/** What one activity adds to one row of the figures. */
export interface Contribution {
  kind: ContributionRow['kind'];
  territory: string;
  /**
   * The row's key within its kind: a cell's `i|j`, a theme, a sector, `area|confidence`, a
   * district's code, a month (`YYYY-MM`), an awarded link's `spoId|activityId`.
   */
  key: string;
  listed: number;
  supported: number;
  pence: number;
  gap: number;
  /** Contributions counted in the row (activities, or awarded lines for a sector, month, link). */
  n: number;
}

export interface TerritoryDelta {
  territory: string;
  listed: number;
  supported: number;
  pence: number;
  gap: number;
}

export interface CoverageDelta {
  hex: {
    territory: string;
    i: number;
    j: number;
    listed: number;
    supported: number;
    pence: number;
  }[];
  territory: TerritoryDelta[];
  theme: { territory: string; key: string; pence: number; n: number }[];
  sector: { territory: string; key: string; pence: number; n: number }[];
  secondary: { territory: string; key: string; key2: string; pence: number; n: number }[];
  /** By local authority district (`key`, its code): supported activities there. */
  lad: { territory: string; key: string; pence: number; n: number }[];
  /** By month awarded (`key`, `YYYY-MM` in UTC): awarded lines to activities here. */
  month: { territory: string; key: string; pence: number; n: number }[];
  /** By awarded SPO (`spoId`) and activity here: its lines to that activity. */
  link: { territory: string; spoId: string; activityId: string; pence: number; n: number }[];
}

export function toContribution(row: ContributionRow): Contribution {
  const key =
    row.kind === 'hex'
      ? `${row.i}|${row.j}`
      : row.kind === 'secondary' || row.kind === 'link'
        ? `${row.k1}|${row.k2}`
        : (row.k1 ?? '');
  return {
    kind: row.kind,
    territory: row.territory,
    key,
    listed: row.listed,
    supported: row.supported,
    pence: Number(row.pence),
    gap: Number(row.gap),
    n: row.n,
  };
}

/** Code-point order, the same in every process and unlike `localeCompare`, locale-free. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 1 for a cell count above zero: whether a cell is occupied. */
export function occupied(count: number): number {
  return count > 0 ? 1 : 0;
}

export function emptyTerritoryDelta(territory: string): TerritoryDelta {
  return { territory, listed: 0, supported: 0, pence: 0, gap: 0 };
}

const FIELDS = ['listed', 'supported', 'pence', 'gap', 'n'] as const;

/**
 * After − before, row by row, rows that do not change left out, each kind in key order.
 * Territory rows are kept for every territory either side names, changed or not, since the
 * write touched them (they are the ones announced).
 */
export function coverageDelta(before: Contribution[], after: Contribution[]): CoverageDelta {
  const sums = new Map<string, Contribution>();
  const add = (c: Contribution, sign: 1 | -1) => {
    const id = `${c.kind}\u0000${c.territory}\u0000${c.key}`;
    const sum = sums.get(id) ?? { ...c, listed: 0, supported: 0, pence: 0, gap: 0, n: 0 };
    for (const f of FIELDS) sum[f] += sign * c[f];
    sums.set(id, sum);
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);

  const changed = [...sums.values()].filter(
    (s) => s.kind === 'territory' || FIELDS.some((f) => s[f] !== 0),
  );
  const byKey = (a: Contribution, b: Contribution) =>
    compare(a.territory, b.territory) || compare(a.key, b.key);
  const of = (kind: Contribution['kind']) => changed.filter((c) => c.kind === kind).sort(byKey);
  const keyed = (kind: Contribution['kind']) =>
    of(kind).map((c) => ({ territory: c.territory, key: c.key, pence: c.pence, n: c.n }));
  return {
    hex: of('hex').map((c) => {
      const [i, j] = c.key.split('|').map(Number) as [number, number];
      return {
        territory: c.territory,
        i,
        j,
        listed: c.listed,
        supported: c.supported,
        pence: c.pence,
      };
    }),
    territory: of('territory').map((c) => ({
      territory: c.territory,
      listed: c.listed,
      supported: c.supported,
      pence: c.pence,
      gap: c.gap,
    })),
    theme: keyed('theme'),
    sector: keyed('sector'),
    secondary: of('secondary').map((c) => {
      const cut = c.key.lastIndexOf('|');
      return {
        territory: c.territory,
        key: c.key.slice(0, cut),
        key2: c.key.slice(cut + 1),
        pence: c.pence,
        n: c.n,
      };
    }),
    lad: keyed('lad'),
    month: keyed('month'),
    link: of('link').map((c) => {
      const [spoId, activityId] = c.key.split('|') as [string, string];
      return { territory: c.territory, spoId, activityId, pence: c.pence, n: c.n };
    }),
  };
}
