import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MATCH_WEIGHTS } from '@shared/matching';
import { TenderCreate, TenderView } from '@shared/schemas/tenders';
import {
  defaultWeightsDraft,
  draftFromTender,
  emptyDeliverySite,
  emptyTenderDraft,
  tenderDraftToInput,
  tenderFieldLabel,
  type TenderDraft,
} from '../../../../../client/src/features/tenders/tender-draft';
import { openTender } from '../../recorded-answers';

const NOW = Date.parse('2026-12-02T12:00:00Z');

/** A draft filled in as a buyer would, priorities aside. */
function filledDraft(changes: Partial<TenderDraft> = {}): TenderDraft {
  return {
    ...emptyTenderDraft('0156fc2e-040b-4b94-a4e0-e5473cdde1f4'),
    title: 'Custody healthcare services',
    reference: 'TVP-2027-014',
    territories: ['E23000029'],
    annualValue: '1,500,000',
    durationYears: '3',
    startDate: '2027-04-01',
    baseline: '5000',
    mid: '7500',
    higherAmbition: '10000',
    closesAt: '2027-01-15T12:00',
    ...changes,
  };
}

describe('the tender form’s local priorities', () => {
  it('sends no priorities and only default weights for a blank section', () => {
    const { input, notes } = tenderDraftToInput(filledDraft(), NOW);
    expect(notes).toEqual({});
    expect(input.priorities).toEqual({
      themes: [],
      groups: [],
      measures: [],
      focusAreas: [],
      deliverySites: [],
      weights: {},
    });
    expect(TenderCreate.safeParse(input).success).toBe(true);
  });

  it('sends only the weights that differ from the defaults, and leaves out focus areas of territories no longer chosen', () => {
    const draft = filledDraft();
    const { input } = tenderDraftToInput(
      {
        ...draft,
        priorities: {
          ...draft.priorities,
          focusAreas: [
            { kind: 'lad', code: 'E07000178', territory: 'E23000029' },
            { kind: 'lad', code: 'E09000021', territory: 'E23000001' },
            { kind: 'lad', code: 'E06000038' },
          ],
          weights: { ...defaultWeightsDraft(), place: '5', need: '', spread: '1' },
        },
      },
      NOW,
    );
    const priorities = input.priorities as Record<string, unknown>;
    expect(priorities.weights).toEqual({ place: 5 });
    expect(priorities.focusAreas).toEqual([
      { kind: 'lad', code: 'E07000178' },
      { kind: 'lad', code: 'E06000038' },
    ]);
  });

  it('names the delivery site a blank name or position belongs to', () => {
    const draft = filledDraft();
    const site = { ...emptyDeliverySite(), label: 'Abingdon', lon: '-1.28', lat: '51.67' };
    const { notes } = tenderDraftToInput(
      {
        ...draft,
        priorities: { ...draft.priorities, deliverySites: [site, emptyDeliverySite()] },
      },
      NOW,
    );
    expect(notes).toEqual({
      'priorities.deliverySites.1.label': 'Enter a name for delivery site 2',
      'priorities.deliverySites.1.location.lon': 'Enter the longitude of delivery site 2',
      'priorities.deliverySites.1.location.lat': 'Enter the latitude of delivery site 2',
    });
    expect(tenderFieldLabel('priorities.deliverySites.0.location')).toBe('Delivery site 1');
    expect(tenderFieldLabel('priorities.weights.place')).toBe('Weight of “In a focus area”');
    expect(tenderFieldLabel('priorities.focusAreas.2')).toBe('Focus areas');
  });

  it('fills the form from a tender and sends its priorities back as they were', () => {
    const tender = TenderView.parse({
      ...openTender,
      priorities: {
        themes: ['safer'],
        groups: ['care_leavers'],
        measures: [{ framework: 'national-toms-starter', code: 'NT29', title: 'Volunteering' }],
        focusAreas: [
          { kind: 'territory', code: 'E23000029', name: 'Thames Valley' },
          { kind: 'lad', code: 'E07000178', name: 'Oxford' },
        ],
        deliverySites: [{ label: 'Abingdon', location: { lon: -1.2822, lat: 51.6708 } }],
        weights: { ...DEFAULT_MATCH_WEIGHTS, place: 5 },
      },
    });
    const { input } = tenderDraftToInput(draftFromTender(tender), NOW);
    expect(input.priorities).toEqual({
      themes: ['safer'],
      groups: ['care_leavers'],
      measures: [{ framework: 'national-toms-starter', code: 'NT29' }],
      focusAreas: [
        { kind: 'territory', code: 'E23000029' },
        { kind: 'lad', code: 'E07000178' },
      ],
      deliverySites: [{ label: 'Abingdon', location: { lon: -1.2822, lat: 51.6708 } }],
      weights: { place: 5 },
    });
  });
});
