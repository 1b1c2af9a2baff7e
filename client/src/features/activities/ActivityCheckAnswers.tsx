import type { ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  COST_AREA_LABELS,
  CostAreas,
  PRIORITY_GROUP_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
} from '@shared/schemas/activities';
import type { ActivityDraft } from './activity-draft';
import { CONFIDENCE_LABELS, formatDate } from './activity-format';
import { STEP_IDS, STEPS, type StepId } from './activity-form-steps';

const NOT_GIVEN = 'Not given';

/** A typed £ amount as people read it back: "£1,250", or "None" for a blank. */
function pounds(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `£${trimmed.replace(/^£/, '')}` : 'None';
}

/** Each step's answers, as label and value pairs. */
function answersOf(
  draft: ActivityDraft,
  providers: { id: string; name: string }[],
): Record<StepId, [string, ReactNode][]> {
  const serviceArea = {
    none: 'Just its location',
    radius: `Everyone within ${draft.radiusKm.trim() || '?'} km`,
    area: 'An area given as GeoJSON',
  }[draft.serviceArea];
  const place = draft.placeLabel
    ? `${draft.placeLabel} (${draft.lat}, ${draft.lon})`
    : draft.lon.trim() || draft.lat.trim()
      ? `Latitude ${draft.lat}, longitude ${draft.lon}`
      : NOT_GIVEN;
  const costs = CostAreas.filter((area) => draft.costs[area].amount.trim()).map((area) => {
    const cost = draft.costs[area];
    const confidence = cost.confidence ? `, ${CONFIDENCE_LABELS[cost.confidence]} confidence` : '';
    return `${COST_AREA_LABELS[area]}: ${pounds(cost.amount)} a year (${cost.method.trim()}${confidence})`;
  });
  const provider = providers.find((p) => p.id === draft.providerId)?.name;
  const list = (items: string[], none = 'None') =>
    items.length === 0 ? (
      none
    ) : (
      <ul className="summary-list__items">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    );

  return {
    about: [
      ...(provider && providers.length > 1 ? [['Provider', provider] as [string, ReactNode]] : []),
      ['Title', draft.title.trim() || NOT_GIVEN],
      ['Summary', draft.summary.trim() || NOT_GIVEN],
      ['Description', draft.description.trim() || NOT_GIVEN],
    ],
    topics: [
      ['Themes', draft.themes.map((t) => THEME_LABELS[t]).join(', ') || NOT_GIVEN],
      ['Category', draft.category ? CATEGORY_LABELS[draft.category] : NOT_GIVEN],
      ['Priority groups', list(draft.priorityGroups.map((g) => PRIORITY_GROUP_LABELS[g]))],
    ],
    place: [
      ['Location', place],
      ['Address', draft.address.trim() || NOT_GIVEN],
      ['Who it serves', serviceArea],
    ],
    impact: [
      ['People reached a year', draft.peopleReached.trim() || NOT_GIVEN],
      [
        'Outcomes',
        list(draft.outcomes.map((o) => `${o.label.trim()}: ${o.figure.trim()} ${o.unit.trim()}`)),
      ],
      ['Evidence links', list(draft.links.map((l) => `${l.title.trim()} (${l.url.trim()})`))],
      ['Evaluation summary', draft.evaluationSummary.trim() || NOT_GIVEN],
      ['Public-service costs avoided', list(costs)],
    ],
    needs: [
      ['Funding gap', pounds(draft.fundingGap)],
      ['Volunteer hours a year', draft.volunteerHours.trim() || 'None'],
      ['In-kind support', draft.inKind.trim() || 'None'],
      ['Capacity a year', pounds(draft.capacity)],
      ['TOMs measures', draft.measures.map((m) => m.code).join(', ') || 'None'],
      [
        'Status',
        draft.status === 'at_risk' && draft.atRiskUntil
          ? `${STATUS_LABELS.at_risk} until ${formatDate(draft.atRiskUntil)}`
          : STATUS_LABELS[draft.status],
      ],
    ],
  };
}

interface ActivityCheckAnswersProps {
  draft: ActivityDraft;
  providers: { id: string; name: string }[];
  /** Goes back to a step to change its answers. */
  onChange: (step: StepId) => void;
}

/**
 * Every answer, step by step, to read through before the activity is listed or saved, with a
 * way back to each step (GOV.UK's "Check your answers").
 */
export function ActivityCheckAnswers({ draft, providers, onChange }: ActivityCheckAnswersProps) {
  const answers = answersOf(draft, providers);
  return (
    <div className="check-answers" data-testid="activity-check-answers">
      {STEP_IDS.map((step) => (
        <section key={step} className="check-answers__section" aria-labelledby={`check-${step}`}>
          <div className="check-answers__heading">
            <h4 id={`check-${step}`}>{STEPS[step].title}</h4>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onChange(step)}
              data-testid={`activity-check-change-${step}`}
            >
              Change<span className="visually-hidden"> {STEPS[step].title.toLowerCase()}</span>
            </button>
          </div>
          <dl className="summary-list">
            {answers[step].map(([label, value]) => (
              <div key={label} className="summary-list__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
