import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ActivityCreate, ActivityUpdate, type ActivityView } from '@shared/schemas/activities';
import {
  draftFromActivity,
  draftToInput,
  parseAreaText,
  type ActivityDraft,
} from '../../../client/src/features/activities/activity-draft';
import { buildActivity, buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let owner: SignedIn;
let activity: ActivityView;

/** Around Cowley, Oxford, where `buildActivity` puts its point. */
const RING = [
  [-1.27, 51.74],
  [-1.22, 51.74],
  [-1.22, 51.77],
  [-1.27, 51.77],
  [-1.27, 51.74],
];
/** What geojson.io exports for one drawn polygon. */
const PASTED = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [RING] } },
  ],
});

/** The form's values as the form parses them before sending: the client's own check. */
function formInput(draft: ActivityDraft, schema: typeof ActivityCreate | typeof ActivityUpdate) {
  const { input, notes } = draftToInput(draft);
  const parsed = schema.safeParse(
    schema === ActivityCreate ? { providerId: draft.providerId, ...input } : input,
  );
  return { notes, parsed };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.app, { organisation: buildOrganisation('provider') });
  const res = await owner.agent
    .post('/api/activities')
    .send({ providerId: orgOf(owner), ...buildActivity() });
  expect(res.status).toBe(201);
  activity = res.body as ActivityView;
});
afterAll(() => t.close());

describe('a service area pasted into the activity form as GeoJSON', () => {
  it('lists a new activity with the pasted polygon as its service area', async () => {
    const draft: ActivityDraft = {
      ...draftFromActivity(activity),
      title: 'Cowley youth outreach',
      serviceArea: 'area',
      areaText: PASTED,
    };
    const { notes, parsed } = formInput(draft, ActivityCreate);
    expect(notes).toEqual({});
    expect(parsed.success).toBe(true);
    const res = await owner.agent.post('/api/activities').send(parsed.data);
    expect(res.status).toBe(201);
    const created = res.body as ActivityView;
    expect(created.serviceArea).toEqual({
      type: 'area',
      geometry: { type: 'MultiPolygon', coordinates: [[RING]] },
    });
  });

  it('edits an activity from a radius to a pasted area, and keeps the area on the next edit', async () => {
    const draft = {
      ...draftFromActivity(activity),
      serviceArea: 'area' as const,
      areaText: PASTED,
    };
    const { parsed } = formInput(draft, ActivityUpdate);
    expect(parsed.success).toBe(true);
    const res = await owner.agent.patch(`/api/activities/${activity.id}`).send(parsed.data);
    expect(res.status).toBe(200);
    const edited = res.body as ActivityView;
    expect(edited.serviceArea?.type).toBe('area');

    // Opened again: the stored area fills the text box, and saving other changes keeps it.
    const again = { ...draftFromActivity(edited), title: 'Renamed youth club' };
    expect(again.serviceArea).toBe('area');
    const next = formInput(again, ActivityUpdate);
    expect(next.parsed.success).toBe(true);
    const saved = await owner.agent.patch(`/api/activities/${activity.id}`).send(next.parsed.data);
    expect(saved.status).toBe(200);
    expect((saved.body as ActivityView).serviceArea).toEqual(edited.serviceArea);
  });

  it.each([
    ['nothing', '', 'Paste the area as GeoJSON: a Polygon or MultiPolygon'],
    ['half a paste', PASTED.slice(0, 40), 'This is not GeoJSON: the text is not valid JSON'],
    [
      'a line',
      '{"type":"LineString","coordinates":[[-1.27,51.74],[-1.22,51.74]]}',
      'The area must be a GeoJSON Polygon or MultiPolygon, not a LineString',
    ],
    [
      'an open ring',
      JSON.stringify({ type: 'Polygon', coordinates: [RING.slice(0, 4)] }),
      'The Polygon is not valid: a ring must be closed (ring 1)',
    ],
    [
      'several features',
      JSON.stringify({ type: 'FeatureCollection', features: [{}, {}] }),
      'Paste one area: this FeatureCollection holds 2 features',
    ],
  ])('refuses %s before sending, with a message at the area field', (_what, text, message) => {
    expect(parseAreaText(text).error).toContain(message);
    const draft = { ...draftFromActivity(activity), serviceArea: 'area' as const, areaText: text };
    const { notes, parsed } = formInput(draft, ActivityCreate);
    expect(notes['serviceArea.geometry']).toContain(message);
    // The schema's own complaint is at the same field, where the note replaces it.
    expect(parsed.success).toBe(false);
    expect(
      parsed.error!.issues.map((i) => i.path.join('.')).filter((p) => p.startsWith('serviceArea')),
    ).toEqual(['serviceArea.geometry']);
  });

  it('shows the server’s refusal of a crossing polygon at the area field', async () => {
    const bowTie = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [-1.27, 51.74],
          [-1.22, 51.77],
          [-1.22, 51.74],
          [-1.27, 51.77],
          [-1.27, 51.74],
        ],
      ],
    });
    const draft = {
      ...draftFromActivity(activity),
      serviceArea: 'area' as const,
      areaText: bowTie,
    };
    const { parsed } = formInput(draft, ActivityUpdate);
    expect(parsed.success).toBe(true);
    const res = await owner.agent.patch(`/api/activities/${activity.id}`).send(parsed.data);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_geometry');
    expect(res.body.error.details[0]).toMatchObject({
      path: 'serviceArea.geometry',
      message: 'Geometry is not valid: Self-intersection at -1.245, 51.755',
    });
  });
});
