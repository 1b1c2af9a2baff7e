import { useEffect, useId, useRef, type Ref } from 'react';
import { Link } from 'react-router-dom';
import type { BuyerSector } from '@shared/schemas/accounts';
import type {
  CoverageDetail,
  TerritoryCoverage,
  UnsupportedCluster,
} from '@shared/schemas/coverage';
import { COST_AREA_LABELS, THEME_LABELS, Themes } from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/date-time';
import { CONFIDENCE_LABELS, formatCount } from '../activities/activity-format';
import { useMe } from '../auth/auth.queries';
import { organisationsOfKind } from '../auth/memberships';
import { SECTOR_LABELS } from '../organisations/organisation-labels';
import { useCoverageDetail } from './coverage.queries';
import {
  formatHours,
  formatPerHead,
  formatShare,
  formatShareOrNoData,
  ukNeedFigures,
} from './coverage-figures';
import { CoverageNeed, NeedCredits } from './CoverageNeed';
import { MonthlyChart } from './MonthlyChart';
import './coverage-map.css';

const SECTORS = Object.keys(SECTOR_LABELS) as BuyerSector[];

/** The headline figures, for one territory or for the UK. */
function Headline({
  figures,
}: {
  figures: Omit<TerritoryCoverage, 'code' | 'name' | 'nation' | 'need'>;
}) {
  return (
    <dl className="details coverage-figures">
      <dt>Committed £ a year</dt>
      <dd>
        <strong data-testid="coverage-detail-committed">{formatGbp(figures.committedPence)}</strong>
      </dd>
      <dt>Confirmed delivered to date</dt>
      <dd>
        <strong data-testid="coverage-detail-delivered">{formatGbp(figures.deliveredPence)}</strong>{' '}
        <span className="muted">
          in cash and in kind, as the activities’ providers confirmed it
        </span>
      </dd>
      <dt>Confirmed volunteer hours to date</dt>
      <dd data-testid="coverage-detail-delivered-hours">{formatHours(figures.deliveredHours)}</dd>
      <dt>Committed £ a year per resident</dt>
      <dd data-testid="coverage-detail-per-head">{formatPerHead(figures.committedPencePerHead)}</dd>
      <dt>Share of committed £ in the most deprived fifth of districts</dt>
      <dd data-testid="coverage-detail-most-deprived">
        {formatShareOrNoData(figures.mostDeprivedQuintileCommittedShare)}
      </dd>
      <dt>Activities listed</dt>
      <dd>{formatCount(figures.activitiesListed)}</dd>
      <dt>Activities supported</dt>
      <dd>{formatCount(figures.activitiesSupported)}</dd>
      <dt>Share supported</dt>
      <dd>{formatShare(figures.shareSupported)}</dd>
      <dt>Funding gap</dt>
      <dd>{formatGbp(figures.fundingGapPence)}</dd>
      <dt>Geographic spread</dt>
      <dd data-testid="coverage-detail-spread">
        {formatShare(figures.spreadShare)}{' '}
        <span className="muted">
          ({formatCount(figures.hexCellsSupported)} of {formatCount(figures.hexCellsWithActivities)}{' '}
          5 km cells with activities hold a supported one)
        </span>
      </dd>
    </dl>
  );
}

/** The activities page on a cluster: the map there, listing what is within 10 km. */
function clusterLink([lon, lat]: [number, number]): string {
  const at = `${lon.toFixed(4)},${lat.toFixed(4)}`;
  return `/activities?lat=${lat.toFixed(4)}&lon=${lon.toFixed(4)}&z=11&near=${at}&km=10`;
}

/** A cluster's place: the town it is known by, else (far from any town) where it lies. */
function clusterPlace({ near, centre: [lon, lat] }: UnsupportedCluster): string {
  if (near) return near.name;
  return `${lat.toFixed(3)}° N, ${Math.abs(lon).toFixed(3)}° ${lon < 0 ? 'W' : 'E'}`;
}

function formatKm(km: number): string {
  return `${Math.round(km)} km`;
}

/** Where the unsupported clusters are: groups of neighbouring cells no award reaches. */
function UnsupportedClusters({ clusters }: { clusters: CoverageDetail['unsupportedClusters'] }) {
  return (
    <>
      <h4>Unsupported clusters</h4>
      <ul className="muted coverage-hex-key" aria-label="Key to the map’s 5 km cells">
        <li>
          <span className="coverage-hex-key__swatch coverage-hex-key__swatch--supported" />A cell
          with at least one supported activity (green, solid outline)
        </li>
        <li>
          <span className="coverage-hex-key__swatch coverage-hex-key__swatch--unsupported" />A cell
          with activities, none supported (orange, dashed outline)
        </li>
        <li>
          <span className="coverage-hex-key__activity" />A supported activity, with a dashed line
          from the supplier that supports it
        </li>
      </ul>
      {clusters.length === 0 ? (
        <p className="muted">Every cell with activities holds at least one supported activity.</p>
      ) : (
        <table className="table" data-testid="coverage-clusters">
          <caption className="visually-hidden">
            Groups of neighbouring 5 km cells whose activities no awarded SPO supports
          </caption>
          <thead>
            <tr>
              <th scope="col">Near</th>
              <th scope="col">Cells</th>
              <th scope="col">Activities</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((c) => (
              <tr key={`${c.centre[0]},${c.centre[1]}`}>
                <td>
                  <Link to={clusterLink(c.centre)}>{clusterPlace(c)}</Link>
                  {c.near && c.near.km >= 1 ? (
                    <span className="muted"> ({formatKm(c.near.km)} from its middle)</span>
                  ) : null}
                </td>
                <td>{formatCount(c.cells)}</td>
                <td>{formatCount(c.activities)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {clusters.some((c) => c.near) ? (
        <p className="form__note">Places: GeoNames, CC BY 4.0.</p>
      ) : null}
    </>
  );
}

/** A buyer's own pipeline, kept apart from the public figures and saying so. */
function Pipeline({ pence }: { pence: number }) {
  return (
    <div className="notice coverage-pipeline" data-testid="coverage-pipeline">
      <p className="coverage-pipeline__label">
        Your pipeline (submitted, not awarded — visible only to you)
      </p>
      <p className="coverage-pipeline__value">{formatGbp(pence)} a year</p>
      <p className="coverage-pipeline__hint">
        SPOs submitted to your tenders here and not yet awarded. Not part of the public figures.
      </p>
    </div>
  );
}

/** Committed £ a year split by one dimension (theme, buyer sector), a row for each value. */
function CommittedBy({ label, rows }: { label: string; rows: [string, number][] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Committed £ a year by {label.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="table__number">
            A year
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, pence]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="table__number">{formatGbp(pence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Breakdowns({ detail }: { detail: CoverageDetail }) {
  return (
    <>
      <h4>Committed by theme</h4>
      <CommittedBy
        label="Theme"
        rows={Themes.map((theme) => [THEME_LABELS[theme], detail.committedByTheme[theme] ?? 0])}
      />
      <p className="form__note">
        An activity serving several themes counts in each, so these can add up to more than the
        total.
      </p>

      <h4>Committed by buyer sector</h4>
      <CommittedBy
        label="Buyer sector"
        rows={SECTORS.map((sector) => [
          SECTOR_LABELS[sector],
          detail.committedBySector[sector] ?? 0,
        ])}
      />

      <h4>Secondary impact: public-service costs avoided</h4>
      <p className="form__note">Reported by supported activities; not added to the total.</p>
      {detail.secondary.length === 0 ? (
        <p className="muted">No supported activity here reports costs avoided yet.</p>
      ) : (
        <table className="table" data-testid="coverage-secondary">
          <caption className="visually-hidden">
            Costs avoided a year by public service, reported by supported activities; not added to
            the total
          </caption>
          <thead>
            <tr>
              <th scope="col">Public service</th>
              <th scope="col">Confidence</th>
              <th scope="col" className="table__number">
                A year
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.secondary.map((item) => (
              <tr key={`${item.area}-${item.confidence}`}>
                <th scope="row">{COST_AREA_LABELS[item.area]}</th>
                <td>{CONFIDENCE_LABELS[item.confidence]}</td>
                <td className="table__number">{formatGbp(item.annualPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>Committed each month</h4>
      <MonthlyChart monthly={detail.monthly} />
    </>
  );
}

interface HeadingProps {
  id: string;
  headingRef: Ref<HTMLHeadingElement>;
  children: string;
}

function Heading({ id, headingRef, children }: HeadingProps) {
  return (
    <h3 id={id} ref={headingRef} tabIndex={-1}>
      {children}
    </h3>
  );
}

interface SelectedProps {
  code: string;
  /** Whether the coverage list has this territory. */
  known: boolean;
  search: string;
  headingId: string;
  headingRef: Ref<HTMLHeadingElement>;
}

function Selected({ code, known, search, headingId, headingRef }: SelectedProps) {
  // A code no territory has is answered here; the API would refuse it as malformed.
  const detail = useCoverageDetail(known ? code : undefined);
  const back = (
    <p>
      <Link to={{ pathname: '/coverage', search }}>Show all territories</Link>
    </p>
  );

  if (!known) {
    return (
      <>
        <Heading id={headingId} headingRef={headingRef}>
          Territory not found
        </Heading>
        <p>
          No territory has the code <code>{code}</code>.
        </p>
        {back}
      </>
    );
  }
  if (detail.isPending) {
    return (
      <>
        <Heading id={headingId} headingRef={headingRef}>
          Territory
        </Heading>
        <LoadingMessage>Loading the territory’s figures…</LoadingMessage>
      </>
    );
  }
  if (!detail.data) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <Heading id={headingId} headingRef={headingRef}>
          {notFound ? 'Territory not found' : 'Territory'}
        </Heading>
        {notFound ? (
          <p>
            No territory has the code <code>{code}</code>.
          </p>
        ) : (
          <QueryError title="The territory’s figures could not be loaded" query={detail} />
        )}
        {back}
      </>
    );
  }

  const data = detail.data;
  return (
    <>
      <Heading id={headingId} headingRef={headingRef}>
        {data.name}
      </Heading>
      <p className="muted coverage-detail__meta">
        {data.nation} · <code>{data.code}</code>
        {data.updatedAt ? ` · updated ${formatDateTime(data.updatedAt)}` : null}
      </p>
      {detail.isError ? (
        <QueryError
          title="The latest figures could not be loaded; these may be out of date"
          query={detail}
        />
      ) : null}
      <Headline figures={data} />
      {data.pipelinePence !== null ? <Pipeline pence={data.pipelinePence} /> : null}
      <p>
        <Link to={`/activities?territory=${encodeURIComponent(data.code)}`}>
          See the activities in {data.name}
        </Link>
      </p>
      <TerritoryReportLink code={data.code} />
      <CoverageNeed need={data.need} />
      <Breakdowns detail={data} />
      <UnsupportedClusters clusters={data.unsupportedClusters} />
      {back}
    </>
  );
}

/** The printable territory report, for those it is for: buyers' members and admins. */
function TerritoryReportLink({ code }: { code: string }) {
  const me = useMe().data;
  if (!me || (!me.person.isAdmin && organisationsOfKind(me, 'buyer').length === 0)) return null;
  return (
    <p>
      <Link
        to={`/coverage/${encodeURIComponent(code)}/report`}
        data-testid="coverage-territory-report"
      >
        Open the printable territory report: delivered against due for each contract here
      </Link>
    </p>
  );
}

/** The UK's figures, summed from every territory's. */
function ukTotals(rows: readonly TerritoryCoverage[]) {
  const add = (value: (row: TerritoryCoverage) => number) =>
    rows.reduce((total, row) => total + value(row), 0);
  const listed = add((r) => r.activitiesListed);
  const supported = add((r) => r.activitiesSupported);
  const pipelines = rows.filter((r) => r.pipelinePence !== null);
  const cellsListed = add((r) => r.hexCellsWithActivities);
  const cellsSupported = add((r) => r.hexCellsSupported);
  return {
    activitiesListed: listed,
    activitiesSupported: supported,
    shareSupported: listed === 0 ? 0 : supported / listed,
    committedPence: add((r) => r.committedPence),
    deliveredPence: add((r) => r.deliveredPence),
    deliveredHours: add((r) => r.deliveredHours),
    committedByTheme: {},
    committedBySector: {},
    fundingGapPence: add((r) => r.fundingGapPence),
    secondary: [],
    pipelinePence: pipelines.length === 0 ? null : add((r) => r.pipelinePence ?? 0),
    hexCells: add((r) => r.hexCells),
    hexCellsWithActivities: cellsListed,
    hexCellsSupported: cellsSupported,
    spreadShare: cellsListed === 0 ? 0 : cellsSupported / cellsListed,
    updatedAt: null,
    ...ukNeedFigures(rows),
  };
}

interface CoverageDetailPanelProps {
  /** The territory drilled into, or undefined for the UK overview. */
  code: string | undefined;
  rows: readonly TerritoryCoverage[];
  search: string;
  /** Whether this territory's figures just changed live. */
  updated: boolean;
}

/**
 * The panel beside the map: the chosen territory's figures in full (per head and by
 * deprivation, its local need, themes, buyer sectors, secondary impact kept apart, the month
 * by month series, a buyer's own pipeline), or the UK totals when none is chosen.
 */
export function CoverageDetailPanel({ code, rows, search, updated }: CoverageDetailPanelProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousCodeRef = useRef(code);

  useEffect(() => {
    if (previousCodeRef.current === code) return;
    previousCodeRef.current = code;
    // "Show all territories" removes the very link that had the focus; without this a
    // keyboard user would be sent back to the top of the page.
    if (document.activeElement === document.body) headingRef.current?.focus();
  }, [code]);

  if (code === undefined) {
    const totals = ukTotals(rows);
    return (
      <aside className="coverage-detail" aria-labelledby={headingId}>
        <Heading id={headingId} headingRef={headingRef}>
          The UK
        </Heading>
        <p className="muted">
          Public figures from awarded contracts across all {rows.length} territories. Choose a
          territory on the map or in the table to see its figures in full.
        </p>
        <Headline figures={totals} />
        {totals.pipelinePence !== null ? <Pipeline pence={totals.pipelinePence} /> : null}
        <p className="form__note">
          Per head and by deprivation: over the territories with need figures.
        </p>
        <NeedCredits />
      </aside>
    );
  }

  return (
    <aside
      className="coverage-detail"
      aria-labelledby={headingId}
      data-testid="coverage-detail"
      data-code={code}
      data-updated={updated ? 'true' : undefined}
    >
      <Selected
        code={code}
        known={rows.some((row) => row.code === code)}
        search={search}
        headingId={headingId}
        headingRef={headingRef}
      />
    </aside>
  );
}
