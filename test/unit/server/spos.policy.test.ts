/** Who sees how much of an SPO: the policy alone, every status against every kind of viewer. */
import { describe, expect, it } from '@jest/globals';
import { spoAccess, type SpoAccess } from '../../../server/src/features/spos/spos.policy';
import { ANONYMOUS, type Actor } from '../../../server/src/lib/actor';

const SUPPLIER = 'supplier';
const BUYER = 'buyer';
const PROVIDER = 'provider';
const member = (org: string): Actor => ({
  kind: 'person',
  personId: `person-of-${org}`,
  isAdmin: false,
  memberships: new Map([[org, 'member']]),
  actingFor: org,
  sessionId: 's',
});
const admin: Actor = {
  ...(member('platform') as Extract<Actor, { kind: 'person' }>),
  isAdmin: true,
};

const viewers: [string, Actor][] = [
  ['supplier', member(SUPPLIER)],
  ['buyer', member(BUYER)],
  ['linked provider', member(PROVIDER)],
  ['other supplier', member('another-supplier')],
  ['administrator', admin],
  ['anonymous', ANONYMOUS],
];

/** Expected access by status (rows) and viewer (columns), before and after closing. */
const open: Record<string, SpoAccess[]> = {
  draft: ['full', 'none', 'ownLines', 'none', 'none', 'none'],
  submitted: ['full', 'none', 'ownLines', 'none', 'none', 'none'],
  withdrawn: ['full', 'none', 'none', 'none', 'none', 'none'],
  awarded: ['full', 'sealed', 'sealed', 'sealed', 'sealed', 'sealed'],
  not_awarded: ['full', 'none', 'none', 'none', 'none', 'none'],
};
const closed: Record<string, SpoAccess[]> = {
  ...open,
  submitted: ['full', 'sealed', 'ownLines', 'none', 'none', 'none'],
  not_awarded: ['full', 'sealed', 'none', 'none', 'none', 'none'],
};

describe('SPO access', () => {
  for (const [when, table, isClosed] of [
    ['while the tender is open', open, false],
    ['once the tender has closed', closed, true],
  ] as const) {
    describe(when, () => {
      it.each(Object.entries(table))('for a %s SPO', (status, expected) => {
        const got = viewers.map(([, actor]) =>
          spoAccess(actor, { status, supplierId: SUPPLIER }, { buyerId: BUYER, closed: isClosed }, [
            PROVIDER,
          ]),
        );
        expect(Object.fromEntries(viewers.map(([name], i) => [name, got[i]]))).toEqual(
          Object.fromEntries(viewers.map(([name], i) => [name, expected[i]])),
        );
      });
    });
  }

  it('gives a provider nothing once its lines are gone from the SPO', () => {
    expect(
      spoAccess(
        member(PROVIDER),
        { status: 'submitted', supplierId: SUPPLIER },
        { buyerId: BUYER, closed: false },
        [],
      ),
    ).toBe('none');
  });
});
