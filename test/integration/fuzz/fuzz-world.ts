import { randomUUID } from 'node:crypto';
import type { SpoView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { makeAdmin, signUp, type SignedIn } from '../../support/accounts';
import type { TestApp } from '../../support/test-app';
import { awardedSpo } from '../delivery/delivery-fixtures';
import { activityOf, answer, draftSpo, publishedTender } from '../tenders/spo-fixtures';
import { CookieJar, type FuzzClient } from './fuzz-client';

export const ROLES = ['anonymous', 'buyer', 'supplier', 'provider', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AREA_CODE = /^[EWSN]\d{8}$/;
// The newest ids are the likeliest to be the ones a route wants (a line of the SPO just made).
const POOL_SIZE = 400;

/**
 * Ids and codes the app has answered with, for path parameters that name real things. Each
 * is kept by where it was seen: the `id` of a tenders answer is a tender's, a `lineId` field or
 * the `id` of an item of `lines` is a line's, so `{id}` of `/api/tenders/{id}` and `{lineId}`
 * are often the right kind of thing, and sometimes any id at all.
 */
export class KnownIds {
  private readonly pools = new Map<string, string[]>();

  private keep(pool: string, value: string): void {
    const list = this.pools.get(pool) ?? [];
    if (list.includes(value)) return;
    list.push(value);
    if (list.length > POOL_SIZE) list.shift();
    this.pools.set(pool, list);
  }

  /**
   * Walks an answer of the routes under `/api/<resource>` (bounded) and keeps every id and
   * area code in it.
   */
  harvest(value: unknown, resource: string, budget = { left: 300 }): void {
    const walk = (v: unknown, key: string, listKey: string | null) => {
      if (budget.left <= 0) return;
      budget.left -= 1;
      if (typeof v === 'string') {
        if (UUID.test(v)) {
          this.keep('*', v);
          if (key === 'id')
            this.keep(listKey ? `${listKey.replace(/s$/, '')}Id` : `${resource}:id`, v);
          else this.keep(key, v);
        } else if (AREA_CODE.test(v)) this.keep('code', v);
      } else if (Array.isArray(v)) {
        for (const item of v.slice(0, 20)) walk(item, key, key);
      } else if (v && typeof v === 'object') {
        for (const [k, item] of Object.entries(v)) walk(item, k, k === 'id' ? listKey : null);
      }
    };
    walk(value, '', null);
  }

  /**
   * A known value for the parameter `param` of a route under `/api/<resource>`: mostly of the
   * kind it names (`pick` in [0, 1) chooses one), else any id seen; a new UUID if none.
   */
  pick(param: string, resource: string, pick: number, anyKind: boolean): string {
    const named = param === 'id' ? `${resource}:id` : param;
    const list =
      (!anyKind && this.pools.get(named)) || this.pools.get(/code/i.test(param) ? 'code' : '*');
    return list?.length ? list[Math.floor(pick * list.length)]! : randomUUID();
  }

  /**
   * A body with some of its generated UUIDs swapped for known ids of the kind each field
   * names (`activityId` → an activity's, `buyerId` → an organisation's), so that valid bodies
   * refer to real things. Which ones, and which id, follow from the generated UUID itself:
   * the same seed makes the same requests.
   */
  substitute(value: unknown, key = '', depth = 0): unknown {
    // Ids sit near the top of a body; a deeply nested hostile value is sent as it is.
    if (depth > 8) return value;
    if (typeof value === 'string') {
      if (!UUID.test(value)) return value;
      const pick = parseInt(value.slice(0, 8), 16) / 2 ** 32;
      if (parseInt(value.slice(9, 13), 16) % 10 >= 7) return value;
      const kind = key.replace(/Ids?$/, '');
      const pools = [
        key,
        `${kind}s:id`,
        /^(buyer|supplier|provider|organisation)$/.test(kind) ? 'organisations:id' : '',
      ];
      const list = pools.map((p) => this.pools.get(p)).find((l) => l?.length);
      return list ? list[Math.floor(pick * list.length)]! : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.substitute(v, key, depth + 1));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, this.substitute(v, k, depth + 1)]),
      );
    }
    return value;
  }
}

/** The resource of a path (`/api/tenders/{id}` → `tenders`), by which ids are kept. */
export function resourceOf(path: string): string {
  return path.split('/')[2] ?? '';
}

export interface Actor {
  role: Role;
  jar: CookieJar;
  /** Signs in again (a fuzzed sign-out ends the session); a no-op for anonymous. */
  renew(): Promise<void>;
}

export interface World {
  actors: Record<Role, Actor>;
  known: KnownIds;
}

async function sessionFor(client: FuzzClient, person: SignedIn | null, role: Role): Promise<Actor> {
  const jar = new CookieJar();
  const renew = async () => {
    if (!person) return;
    const res = await client.send(
      {
        method: 'POST',
        path: '/api/auth/sign-in',
        headers: { 'content-type': 'application/json', origin: client.origin },
        body: JSON.stringify({ email: person.email, password: person.password }),
      },
      jar,
    );
    if (res.status !== 200) throw new Error(`${role} could not sign in: ${res.status} ${res.text}`);
  };
  await renew();
  return { role, jar, renew };
}

/**
 * A person of each role with an organisation of that kind, and a little of everything for
 * them to act on: an activity, an open tender, a draft SPO with an accepted line, and an
 * awarded contract (so delivery routes have something to report on).
 */
export async function buildWorld(t: TestApp, client: FuzzClient): Promise<World> {
  const sign = (kind: 'buyer' | 'supplier' | 'provider') =>
    signUp(t.app, { organisation: buildOrganisation(kind) });
  const buyer = await sign('buyer');
  const supplier = await sign('supplier');
  const provider = await sign('provider');
  const admin = await signUp(t.app, { organisation: null });
  await makeAdmin(t.database, admin.me.person.id);

  const known = new KnownIds();
  const activity = await activityOf(provider);
  const tender = await publishedTender(buyer);
  const spo = await draftSpo(supplier, tender);
  const line = await supplier.agent
    .post(`/api/spos/${spo.id}/lines`)
    .send({ activityId: activity.id, kind: 'cash', annualPence: 250_000 });
  await answer(provider, spo.id, (line.body as SpoView).lines.at(-1)!.id);
  const awarded = await awardedSpo(
    buyer,
    supplier,
    [{ spec: { activity, kind: 'cash', annualPence: 100_000 }, provider }],
    t,
    { start: '2025-04-01' },
  );
  for (const [resource, value] of [
    ['me', [buyer.me, supplier.me, provider.me, admin.me]],
    ['organisations', [buyer.me, supplier.me, provider.me].flatMap((m) => m.organisations)],
    ['activities', activity],
    ['tenders', [tender, awarded.tender]],
    ['spos', [spo, awarded.spo]],
  ] as const) {
    known.harvest(value, resource, { left: 1_000 });
  }

  const actors = {
    anonymous: await sessionFor(client, null, 'anonymous'),
    buyer: await sessionFor(client, buyer, 'buyer'),
    supplier: await sessionFor(client, supplier, 'supplier'),
    provider: await sessionFor(client, provider, 'provider'),
    admin: await sessionFor(client, admin, 'admin'),
  };
  return { actors, known };
}
