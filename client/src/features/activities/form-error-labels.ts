import { COST_AREA_LABELS, CostAreas, type CostArea } from '@shared/schemas/activities';

const LABELS: Record<string, string> = {
  providerId: 'Provider',
  title: 'Title',
  summary: 'Summary',
  description: 'Description',
  themes: 'Themes',
  category: 'Category',
  priorityGroups: 'Priority groups',
  location: 'Location',
  'location.lon': 'Longitude',
  'location.lat': 'Latitude',
  address: 'Address',
  serviceArea: 'Service area',
  'serviceArea.radiusKm': 'Radius',
  'serviceArea.geometry': 'Area',
  impact: 'Impact',
  'impact.peopleReachedPerYear': 'People reached a year',
  'impact.outcomes': 'Outcomes',
  'impact.evidence.links': 'Evidence links',
  'impact.evidence.evaluationSummary': 'Evaluation summary',
  'impact.costsAvoided': 'Costs avoided',
  needs: 'Needs',
  'needs.fundingGapPence': 'Funding gap',
  'needs.volunteerHoursPerYear': 'Volunteer hours a year',
  'needs.inKind': 'In-kind support',
  capacityPence: 'Capacity',
  measures: 'TOMs measures',
  status: 'Status',
  atRiskUntil: 'Closing date',
};

const ROW_FIELDS: Record<string, string> = {
  label: 'outcome',
  figure: 'figure',
  unit: 'unit',
  title: 'title',
  url: 'web address',
};

const COST_FIELDS: Record<string, string> = {
  annualPence: '£ a year',
  method: 'how estimated',
  confidence: 'confidence',
};

/**
 * What to call a field in the form's summary of problems, from the dotted path the schema
 * and the server both use (`impact.outcomes.0.unit` is "Outcome 1 unit").
 */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const outcome = /^impact\.outcomes\.(\d+)\.(\w+)$/.exec(path);
  if (outcome)
    return `Outcome ${Number(outcome[1]) + 1} ${ROW_FIELDS[outcome[2] ?? ''] ?? ''}`.trim();
  const link = /^impact\.evidence\.links\.(\d+)\.(\w+)$/.exec(path);
  if (link) return `Evidence link ${Number(link[1]) + 1} ${ROW_FIELDS[link[2] ?? ''] ?? ''}`.trim();
  const cost = /^impact\.costsAvoided\.(\w+)\.(\w+)$/.exec(path);
  if (cost && (CostAreas as readonly string[]).includes(cost[1] ?? '')) {
    return `${COST_AREA_LABELS[cost[1] as CostArea]}: ${COST_FIELDS[cost[2] ?? ''] ?? cost[2]}`;
  }
  // The closest labelled field above a path the form does not name itself.
  for (let end = parts.length; end > 0; end -= 1) {
    const label = LABELS[parts.slice(0, end).join('.')];
    if (label) return label;
  }
  return 'The activity';
}
