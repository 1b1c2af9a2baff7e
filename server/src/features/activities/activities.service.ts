import { randomUUID } from 'node:crypto';
import { rooms, type OutboxMessage } from '@shared/events';
import type { Page } from '@shared/schemas/accounts';
import type {
  ActivityCreate,
  ActivityFilters,
  ActivityListQuery,
  ActivityMap,
  ActivityMapFeature,
  ActivityMapQuery,
  ActivityStatus,
  ActivitySummary,
  ActivityUpdate,
  ActivityView,
  Category,
  MeasureRef,
  ServiceArea,
  Theme,
} from '@shared/schemas/activities';
import { fromTileUnits } from '@shared/geo';
import { checkAreaGeometry } from '@shared/geo-validity';
import type { Repos, ServiceDeps } from '../../composition';
import type { RequestContext } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { DomainEvents } from '../../lib/domain-events';
import { auditEntry } from '../audit/audit.service';
import type { CoverageService } from '../coverage/coverage.service';
import { presentActivity, presentSummary, round6 } from './activities.presenter';
import {
  DEFAULT_STATUSES,
  MAP_CELL_FINEST,
  type ActivitiesRepo,
  type ActivityChanges,
  type ActivityWrite,
} from './activities.repo';

/** Below this zoom the map answers clusters; from it on, single activities. */
export const CLUSTER_BELOW_ZOOM = 16;
/** A cluster cell's side in screen pixels (256-pixel tiles). */
export const CELL_PX = 64;
/** At most this many single activities in one street-level answer. */
export const MAP_POINT_LIMIT = 500;

/**
 * The statuses and theme a map request asks for, when those are its only filters: what the
 * stored cells (activity_map_cells) are split by. Undefined when another filter is set.
 */
function cellFilters(
  filters: ActivityFilters,
): { statuses: ActivityStatus[]; theme: Theme | undefined } | undefined {
  const { status, theme, atRisk, ...others } = filters;
  if (Object.values(others).some((v) => v !== undefined)) return undefined;
  // As applyActivityFilters reads them: the statuses asked for (active and at risk unless
  // asked), narrowed to at risk by atRisk=true.
  const statuses = (status ?? DEFAULT_STATUSES).filter((s) => !atRisk || s === 'at_risk');
  return { statuses, theme };
}

/**
 * The map's cells at this zoom: from the stored cells where the zoom's cells are kept and
 * the filters are theirs, else by grouping the live rows.
 */
async function clustersFor(
  repo: ActivitiesRepo,
  filters: ActivityFilters,
  bbox: [number, number, number, number],
  zoom: number,
) {
  // CELL_PX pixels of a 256-pixel tile: a cell of 2^-(zoom + 2) tile units, level zoom + 2.
  const level = zoom + Math.log2(256 / CELL_PX);
  const stored = cellFilters(filters);
  if (stored && Number.isInteger(level) && level <= MAP_CELL_FINEST) {
    if (stored.statuses.length === 0) return [];
    return repo.cellClusters(stored, bbox, level);
  }
  return repo.clusters(filters, bbox, CELL_PX / (256 * 2 ** zoom));
}

const closedError = () =>
  new AppError('activity_closed', 409, 'This activity is closed; it can no longer change');

const notFound = () => new AppError('activity_not_found', 404, 'No activity has this id');

const today = () => new Date().toISOString().slice(0, 10);

/** Refuses, with the field named, what zod cannot see: invalid polygons, past dates. */
function checkBeyondSchema(input: {
  serviceArea?: ServiceArea | null;
  atRiskUntil?: string | null;
}): void {
  if (input.serviceArea?.type === 'area') {
    const check = checkAreaGeometry(input.serviceArea.geometry);
    if (!check.ok) {
      // Where the edges cross says more to whoever drew the area than any index would.
      const at = check.issues.find((i) => i.at)?.at;
      const message = at ? `${check.message} at ${round6(at[0])}, ${round6(at[1])}` : check.message;
      throw new AppError('invalid_geometry', 400, `serviceArea.geometry: ${message}`, [
        { path: 'serviceArea.geometry', message, issues: check.issues },
      ]);
    }
  }
  if (input.atRiskUntil && input.atRiskUntil < today()) {
    throw new AppError('validation_failed', 400, 'atRiskUntil must be today or later', [
      { path: 'atRiskUntil', message: 'must be today or later' },
    ]);
  }
}

const notInTerritory = (location: { lon: number; lat: number }) =>
  new AppError(
    'not_in_territory',
    400,
    `location (${location.lon}, ${location.lat}) is not inside any of the 45 UK policing territories`,
    [{ path: 'location', message: 'must be inside one of the 45 UK policing territories' }],
  );

/** The columns of a new activity, from its parsed payload. Demo seeding writes these too. */
export function toActivityWrite(
  input: ActivityCreate,
  providerId: string,
  options: { id?: string; demo?: boolean } = {},
): ActivityWrite {
  return {
    id: options.id ?? randomUUID(),
    provider_id: providerId,
    title: input.title,
    summary: input.summary,
    description: input.description,
    themes: input.themes,
    category: input.category,
    priority_groups: input.priorityGroups,
    lon: input.location.lon,
    lat: input.location.lat,
    address: input.address,
    service_radius_km: input.serviceArea?.type === 'radius' ? input.serviceArea.radiusKm : null,
    service_area:
      input.serviceArea?.type === 'area' ? JSON.stringify(input.serviceArea.geometry) : null,
    people_reached_per_year: input.impact.peopleReachedPerYear,
    outcomes: input.impact.outcomes,
    evidence: input.impact.evidence,
    costs_avoided: input.impact.costsAvoided,
    funding_gap_pence: input.needs.fundingGapPence,
    volunteer_hours_per_year: input.needs.volunteerHoursPerYear,
    in_kind: input.needs.inKind,
    capacity_pence: input.capacityPence,
    status: input.status,
    at_risk_until: input.status === 'at_risk' ? input.atRiskUntil : null,
    is_demo: options.demo ?? false,
  };
}

const measureRefs = (measures: MeasureRef[]) =>
  measures.map((m) => ({ framework: m.framework, code: m.code }));

async function checkMeasures(tx: Repos, measures: MeasureRef[]): Promise<void> {
  const unknown = await tx.activities.unknownMeasures(measureRefs(measures));
  if (unknown.size === 0) return;
  const details = measures
    .map((m, i) => ({ key: `${m.framework} ${m.code}`, i, m }))
    .filter(({ key }) => unknown.has(key))
    .map(({ i, m }) => ({
      path: `measures.${i}.code`,
      message: `unknown TOMs measure ${m.code} in framework ${m.framework}`,
    }));
  throw new AppError(
    'validation_failed',
    400,
    `Unknown TOMs measures: ${[...unknown].join(', ')}`,
    details,
  );
}

/** Refuses a filter on a TOMs code no framework has, as an unknown theme is refused. */
async function checkMeasureFilter(repo: ActivitiesRepo, code: string | undefined): Promise<void> {
  if (code === undefined || (await repo.measureCodeExists(code))) return;
  throw new AppError(
    'validation_failed',
    400,
    `The request is not valid: measure: no TOMs measure has the code ${code} (GET /api/toms/measures lists them)`,
    [{ path: 'measure', message: `no TOMs measure has the code ${code}` }],
  );
}

/**
 * What an activity's write publishes, in the write's own transaction: the activity changed,
 * and so did the coverage of each territory it left or is in (activities are public).
 */
function activityEvents(id: string, territories: string[]): OutboxMessage[] {
  return [...new Set(territories)].flatMap((code): OutboxMessage[] => [
    {
      topic: 'activities.updated',
      room: rooms.territory(code),
      payload: { activityId: id, territory: code },
    },
    { topic: 'coverage.updated', room: rooms.territory(code), payload: { territory: code } },
  ]);
}

/** Activities: written by their provider's members, read and browsed by everyone. */
export function createActivitiesService(
  { repos, uow }: ServiceDeps,
  coverage: CoverageService,
  events: DomainEvents,
) {
  const repo = repos.activities;

  async function get(id: string): Promise<ActivityView> {
    const row = await repo.findById(id);
    if (!row) throw notFound();
    return presentActivity(row, await repo.measuresOf(id));
  }

  return {
    get,

    /** Who owns an activity and where it stands, for the routes' policy check. */
    async ownership(id: string) {
      const row = await repo.ownership(id);
      if (!row) throw notFound();
      return { providerId: row.provider_id, status: row.status };
    },

    /** Is this organisation one that lists activities? */
    async isProvider(organisationId: string): Promise<boolean> {
      return (await repo.organisationKind(organisationId))?.kind === 'provider';
    },

    async create(
      ctx: RequestContext,
      providerId: string,
      input: ActivityCreate,
    ): Promise<ActivityView> {
      checkBeyondSchema(input);
      const row = toActivityWrite(input, providerId);
      await uow(async (tx) => {
        await checkMeasures(tx, input.measures);
        const txRepo = tx.activities;
        const snapshot = await coverage.snapshot(tx, [row.id]);
        const inserted = await txRepo.insert([row]);
        if (!inserted.has(row.id)) throw notInTerritory(input.location);
        await txRepo.setMeasures(row.id, measureRefs(input.measures));
        const touched = await coverage.record(tx, snapshot);
        await tx.outbox.write(activityEvents(row.id, touched));
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'activities.created',
            objectType: 'activity',
            objectId: row.id,
            organisationId: providerId,
            summary: { title: input.title, status: input.status, location: input.location },
          }),
        );
      });
      events.emit('outbox.written');
      return get(row.id);
    },

    async update(ctx: RequestContext, id: string, changes: ActivityUpdate): Promise<ActivityView> {
      const before = await get(id);
      if (before.status === 'closed') throw closedError();
      const status: ActivityStatus = changes.status ?? before.status;
      if (status === 'at_risk' && changes.atRiskUntil === null) {
        throw new AppError('validation_failed', 400, 'An activity at risk keeps its closing date', [
          {
            path: 'atRiskUntil',
            message: 'an activity at risk needs the date it closes without funding',
          },
        ]);
      }
      const atRiskUntil =
        status !== 'at_risk' ? null : (changes.atRiskUntil ?? before.atRiskUntil ?? null);
      if (changes.atRiskUntil && status !== 'at_risk') {
        throw new AppError(
          'validation_failed',
          400,
          'Only an activity at risk has a closing date',
          [{ path: 'atRiskUntil', message: 'only an activity at risk has a closing date' }],
        );
      }
      if (status === 'at_risk' && !atRiskUntil) {
        throw new AppError('validation_failed', 400, 'An activity at risk needs its closing date', [
          {
            path: 'atRiskUntil',
            message: 'an activity at risk needs the date it closes without funding',
          },
        ]);
      }
      checkBeyondSchema(changes);

      const columns: ActivityChanges = {};
      if (changes.title !== undefined) columns.title = changes.title;
      if (changes.summary !== undefined) columns.summary = changes.summary;
      if (changes.description !== undefined) columns.description = changes.description;
      if (changes.themes !== undefined) columns.themes = changes.themes;
      if (changes.category !== undefined) columns.category = changes.category;
      if (changes.priorityGroups !== undefined) columns.priority_groups = changes.priorityGroups;
      if (changes.address !== undefined) columns.address = changes.address;
      if (changes.impact !== undefined) {
        columns.people_reached_per_year = changes.impact.peopleReachedPerYear;
        columns.outcomes = changes.impact.outcomes;
        columns.evidence = changes.impact.evidence;
        columns.costs_avoided = changes.impact.costsAvoided;
      }
      if (changes.needs !== undefined) {
        columns.funding_gap_pence = changes.needs.fundingGapPence;
        columns.volunteer_hours_per_year = changes.needs.volunteerHoursPerYear;
        columns.in_kind = changes.needs.inKind;
      }
      if (changes.capacityPence !== undefined) columns.capacity_pence = changes.capacityPence;
      if (changes.status !== undefined || changes.atRiskUntil !== undefined) {
        columns.status = status;
        columns.at_risk_until = atRiskUntil;
      }

      await uow(async (tx) => {
        const txRepo = tx.activities;
        // Closed is final even against an edit racing the close: re-checked under a row lock.
        const current = await txRepo.lockStatus(id);
        if (current?.status === 'closed') throw closedError();
        if (changes.version !== undefined && changes.version !== current?.version)
          throw new AppError(
            'edit_conflict',
            409,
            'Someone changed this activity after you opened it. Reload it to see their changes, then make yours again',
            [{ path: 'version', message: `is ${current?.version}, not ${changes.version}` }],
          );
        await txRepo.nextVersion(id);
        const snapshot = await coverage.snapshot(tx, [id]);
        if (changes.measures !== undefined) await checkMeasures(tx, changes.measures);
        await txRepo.update(id, columns);
        if (
          changes.location &&
          !(await txRepo.move(id, changes.location.lon, changes.location.lat))
        )
          throw notInTerritory(changes.location);
        if (changes.serviceArea !== undefined) {
          const area = changes.serviceArea;
          await txRepo.setServiceArea(
            id,
            area === null
              ? null
              : area.type === 'radius'
                ? { radiusKm: area.radiusKm }
                : { geometry: area.geometry },
          );
        }
        if (changes.measures !== undefined)
          await txRepo.setMeasures(id, measureRefs(changes.measures));
        // Coverage counts, gaps and supported shares change with status, needs and place.
        const touched = await coverage.record(tx, snapshot);
        await tx.outbox.write(activityEvents(id, touched));
        const changed = Object.fromEntries(
          Object.keys(changes)
            .filter((k) => k !== 'version')
            .map((k) => [
              k,
              { from: before[k as keyof ActivityView], to: changes[k as keyof ActivityUpdate] },
            ]),
        );
        await tx.audit.record(
          auditEntry(ctx, {
            action:
              changes.status && changes.status !== before.status
                ? `activities.${changes.status === 'closed' ? 'closed' : changes.status === 'paused' ? 'paused' : 'updated'}`
                : 'activities.updated',
            objectType: 'activity',
            objectId: id,
            organisationId: before.provider.id,
            summary: changed,
          }),
        );
      });
      events.emit('outbox.written');
      return get(id);
    },

    async list(query: ActivityListQuery): Promise<Page<ActivitySummary>> {
      const { page, pageSize, ...filters } = query;
      await checkMeasureFilter(repo, filters.measure);
      const { rows, total } = await repo.list(filters, page, pageSize);
      return { items: rows.map(presentSummary), page, pageSize, total };
    },

    /**
     * The map's answer for a box and zoom: clusters on a square screen grid below
     * CLUSTER_BELOW_ZOOM (a cell of one is sent as the activity itself), single
     * activities from it on, capped at MAP_POINT_LIMIT.
     */
    async map(query: ActivityMapQuery): Promise<ActivityMap> {
      const { bbox, zoom, ...filters } = query;
      await checkMeasureFilter(repo, filters.measure);
      const pointFeature = (p: {
        id: string;
        title: string;
        category: string;
        themes: string[];
        status: string;
        funding_gap_pence: string;
        lon: number;
        lat: number;
      }): ActivityMapFeature => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round6(p.lon), round6(p.lat)] },
        properties: {
          kind: 'activity',
          id: p.id,
          title: p.title,
          category: p.category as Category,
          themes: p.themes as Theme[],
          status: p.status as ActivityStatus,
          fundingGapPence: Number(p.funding_gap_pence),
        },
      });

      if (zoom >= CLUSTER_BELOW_ZOOM) {
        const points = await repo.points(filters, bbox, MAP_POINT_LIMIT + 1);
        const truncated = points.length > MAP_POINT_LIMIT;
        return {
          type: 'FeatureCollection',
          features: points.slice(0, MAP_POINT_LIMIT).map(pointFeature),
          zoom,
          clustered: false,
          total: truncated ? await repo.count(filters, bbox) : points.length,
          truncated,
        };
      }

      const cells = await clustersFor(repo, filters, bbox, zoom);
      const singles = new Map(
        (await repo.pointsBySeq(cells.filter((c) => c.count === 1).map((c) => c.one_seq))).map(
          (p) => [p.seq, p],
        ),
      );
      const features = cells
        .sort((a, b) => b.count - a.count || a.x - b.x || a.y - b.y)
        .map((c): ActivityMapFeature => {
          const single = c.count === 1 ? singles.get(c.one_seq) : undefined;
          if (single) return pointFeature(single);
          const [lon, lat] = fromTileUnits(c.x, c.y);
          const [west, north] = fromTileUnits(c.min_x, c.min_y);
          const [east, south] = fromTileUnits(c.max_x, c.max_y);
          return {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [round6(lon), round6(lat)] },
            properties: {
              kind: 'cluster',
              count: c.count,
              fundingGapPence: Number(c.funding_gap_pence),
              bbox: [round6(west), round6(south), round6(east), round6(north)],
            },
          };
        });
      return {
        type: 'FeatureCollection',
        features,
        zoom,
        clustered: true,
        total: cells.reduce((sum, c) => sum + c.count, 0),
        truncated: false,
      };
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
