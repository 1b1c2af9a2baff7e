import { z } from 'zod';
import { Category, Confidence, PriorityGroup, Theme } from '@shared/schemas/activities';
import { newRowKey, type ActivityDraft } from './activity-draft';
import { STEP_IDS, type FormPlace } from './activity-form-steps';

/**
 * A half-filled "List an activity" form kept in this browser (localStorage), per person, so
 * that it survives a reload or a closed tab until it is listed or thrown away. It never leaves
 * the browser; signing in as someone else shows their own draft, not this one.
 */
export interface StoredActivityDraft {
  draft: ActivityDraft;
  /** Where the person was in the form. */
  place: FormPlace;
  /** When it was last saved, as an ISO timestamp. */
  savedAt: string;
}

const VERSION = 1;
const keyFor = (personId: string) => `impact-atlas:activity-draft:${personId}`;

const text = z.string().max(200_000);
const Cost = z.object({ amount: text, method: text, confidence: Confidence.or(z.literal('')) });

// What a stored draft must look like to be offered back: anything else (an older shape, an
// edited value) is dropped rather than half-restored.
const Stored = z.object({
  version: z.literal(VERSION),
  place: z.enum([...STEP_IDS, 'check']),
  savedAt: z.iso.datetime(),
  draft: z.object({
    providerId: text,
    title: text,
    summary: text,
    description: text,
    themes: z.array(Theme),
    category: Category.or(z.literal('')),
    priorityGroups: z.array(PriorityGroup),
    lon: text,
    lat: text,
    placeLabel: text,
    address: text,
    serviceArea: z.enum(['none', 'radius', 'area']),
    radiusKm: text,
    areaText: text,
    peopleReached: text,
    outcomes: z.array(z.object({ label: text, figure: text, unit: text })).max(50),
    links: z.array(z.object({ title: text, url: text })).max(50),
    evaluationSummary: text,
    costs: z.object({ police: Cost, nhs: Cost, council: Cost, justice: Cost }),
    fundingGap: text,
    volunteerHours: text,
    inKind: text,
    capacity: text,
    measures: z.array(z.object({ framework: z.string(), code: z.string() })).max(100),
    status: z.enum(['active', 'at_risk', 'paused']),
    atRiskUntil: text,
  }),
});

/** The person's stored draft, or undefined when there is none (or it cannot be read). */
export function readStoredDraft(personId: string): StoredActivityDraft | undefined {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(keyFor(personId));
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = Stored.safeParse(value);
  if (!parsed.success) return undefined;
  const { draft, place, savedAt } = parsed.data;
  return {
    place,
    savedAt,
    // Row keys only tell React which row is which; this page's counter starts again.
    draft: {
      ...draft,
      outcomes: draft.outcomes.map((row) => ({ ...row, key: newRowKey() })),
      links: draft.links.map((row) => ({ ...row, key: newRowKey() })),
    },
  };
}

/**
 * Keeps the draft for the person; answers when it was saved, or undefined when the browser
 * would not store it (private mode, storage full, storage turned off).
 */
export function writeStoredDraft(
  personId: string,
  draft: ActivityDraft,
  place: FormPlace,
): string | undefined {
  const savedAt = new Date().toISOString();
  const stored = {
    version: VERSION,
    place,
    savedAt,
    draft: {
      ...draft,
      outcomes: draft.outcomes.map(({ label, figure, unit }) => ({ label, figure, unit })),
      links: draft.links.map(({ title, url }) => ({ title, url })),
    },
  };
  try {
    window.localStorage.setItem(keyFor(personId), JSON.stringify(stored));
    return savedAt;
  } catch {
    return undefined;
  }
}

/** Forgets the person's draft: it was listed, or they chose to start again. */
export function clearStoredDraft(personId: string): void {
  try {
    window.localStorage.removeItem(keyFor(personId));
  } catch {
    // Storage that cannot be reached holds no draft to forget.
  }
}
