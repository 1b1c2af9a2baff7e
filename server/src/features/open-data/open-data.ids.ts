import { createHash } from 'node:crypto';

/** An organisation as the open data names it: an org-id.guide identifier and its parts. */
export interface OrgIdentifier {
  /** `GB-CHC-1234567`, or `<our list>-<uuid>` for a group with no registered number. */
  id: string;
  /** The org-id list code: `GB-CHC`, `GB-COH`, `GB-SC`, `GB-NIC`, … or our own list. */
  scheme: string;
  /** The identifier within that list. */
  local: string;
  /** True when the organisation gave a registered number (not our own list's id). */
  registered: boolean;
}

/**
 * An organisation's org-id identifier: its registered number when it gave one (already in
 * org-id form, `GB-CHC-1234567`), otherwise its id on our own list (`XI-IMPACTATLAS-<uuid>`),
 * never an invented charity or company number.
 */
export function orgIdentifier(
  org: { id: string; registered_id: string | null },
  ownList: string,
): OrgIdentifier {
  const registered = org.registered_id?.match(/^([A-Z]{2}-[A-Z0-9]{2,8})-([A-Z0-9]+)$/);
  if (registered) {
    return {
      id: org.registered_id!,
      scheme: registered[1]!,
      local: registered[2]!,
      registered: true,
    };
  }
  return { id: `${ownList}-${org.id}`, scheme: ownList, local: org.id, registered: false };
}

/**
 * A UUID (version 5 layout, SHA-1 of a name in our namespace) that is the same for the same
 * name on every run, for HSDS objects (locations, areas, taxonomy terms) that have no row of
 * their own but whose ids must be UUIDs and must not change between requests.
 */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(`impact-atlas:open-data:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Pence as pounds for the standards that count in pounds (two places, exact for pence). */
export function pounds(pence: number | string): number {
  return Math.round(Number(pence)) / 100;
}
