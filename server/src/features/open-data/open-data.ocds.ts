import { createHash } from 'node:crypto';
import { lineSchedule, type LineUnit } from '@shared/contributions';
import { THEME_LABELS, PRIORITY_GROUP_LABELS, type Theme } from '@shared/schemas/activities';
import type { SpoLineView } from '@shared/schemas/tenders';
import type { AwardedContractRow, ConfirmedReportRow, OrganisationRow } from './open-data.repo';
import { orgIdentifier, pounds } from './open-data.ids';

/**
 * The OCDS extensions our releases use, as their package declares them. Their fields are
 * checked in the tests against our own patches of the release schema, written from the
 * extensions' documentation (test/support/ocds-extensions/*).
 */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json',
];

export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** The sealed lines of the awarded version: what the supplier committed to, per activity. */
type SealedLine = Pick<
  SpoLineView,
  | 'id'
  | 'activity'
  | 'kind'
  | 'annualPence'
  | 'description'
  | 'annualHours'
  | 'measure'
  | 'annualQuantity'
>;

interface OcdsOptions {
  orgIdPrefix: string;
  /** Today's date (YYYY-MM-DD): milestones past due read as not (or partly) met. */
  today: string;
}

const UNIT: Record<SealedLine['kind'], LineUnit> = {
  cash: 'pence',
  in_kind: 'pence',
  volunteering: 'hours',
  measure: 'quantity',
};

function annualAmount(line: SealedLine): number {
  if (line.kind === 'cash' || line.kind === 'in_kind') return line.annualPence ?? 0;
  if (line.kind === 'volunteering') return line.annualHours ?? 0;
  return Number(line.annualQuantity ?? 0);
}

function lineTitle(line: SealedLine): string {
  const to = line.activity.title;
  switch (line.kind) {
    case 'cash':
      return `Cash contribution to ${to}`;
    case 'in_kind':
      return `In-kind contribution to ${to}${line.description ? `: ${line.description}` : ''}`;
    case 'volunteering':
      return `Volunteer hours for ${to}`;
    case 'measure':
      return `${line.measure?.code ?? 'TOMs'} ${line.measure?.measure ?? ''} for ${to}`.trim();
  }
}

/** An amount in the line's unit as an OCDS observation's measure, unit and value. */
function observed(line: SealedLine, amount: number) {
  if (UNIT[line.kind] === 'pence') {
    return {
      measure: pounds(amount),
      unit: { name: 'GBP' },
      value: { amount: pounds(amount), currency: 'GBP' },
    };
  }
  if (line.kind === 'volunteering') {
    return { measure: amount, unit: { name: 'hours', scheme: 'UNCEFACT', id: 'HUR' } };
  }
  return { measure: amount, unit: { name: line.measure?.unit ?? 'units' } };
}

function describe(line: SealedLine, amount: number): string {
  if (UNIT[line.kind] === 'pence') return `£${pounds(amount).toFixed(2)}`;
  if (line.kind === 'volunteering') return `${amount} volunteer hours`;
  return `${amount} ${line.measure?.unit ?? 'units'}`;
}

const startOf = (date: string) => `${date}T00:00:00Z`;
const endOf = (date: string) => `${date}T23:59:59Z`;

/** One party, with every role it plays in the release merged. */
function party(org: OrganisationRow, roles: string[], ownList: string) {
  const ident = orgIdentifier(org, ownList);
  return {
    id: ident.id,
    name: org.name,
    identifier: { scheme: ident.scheme, id: ident.local, legalName: org.name },
    roles,
  };
}

/** A priority of the tender as a goal of the sustainability extension (open codelist). */
function sustainability(row: AwardedContractRow) {
  const groups = row.priority_groups
    .map((g) => PRIORITY_GROUP_LABELS[g as keyof typeof PRIORITY_GROUP_LABELS] ?? g)
    .join(', ');
  const themes = row.priority_themes.length > 0 ? row.priority_themes : ['social'];
  return themes.map((theme) => ({
    // New sub-codes under an existing code are allowed: `social.<sub-code>`.
    goal: theme === 'social' ? 'social' : `social.${camel(theme)}Communities`,
    description:
      (theme === 'social'
        ? 'Social value'
        : `Social value: ${THEME_LABELS[theme as Theme] ?? theme} communities`) +
      (groups ? `, for ${groups}` : '') +
      ', through contributions to local community activities (One in a Million).',
    strategies: ['awardCriteria', 'contractPerformanceConditions'],
  }));
}

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * One awarded tender as an OCDS release: parties with org-id identifiers, the tender with
 * its sustainability goals, the award to the winning supplier, and the contract with its
 * agreed metrics (the sealed lines), its milestones (the anniversary contributions) and its
 * implementation (what providers confirmed: transactions for cash, metrics for every kind).
 * Only the winning SPO's sealed lines and provider-confirmed reports go in.
 */
export function ocdsRelease(
  row: AwardedContractRow,
  orgs: Map<string, OrganisationRow>,
  reports: ConfirmedReportRow[],
  { orgIdPrefix, today }: OcdsOptions,
) {
  const lines = (JSON.parse(row.content) as { lines: SealedLine[] }).lines;
  const buyer = orgs.get(row.buyer_id)!;
  const supplier = orgs.get(row.supplier_id)!;
  const buyerParty = party(buyer, ['buyer'], orgIdPrefix);
  const supplierParty = party(supplier, ['tenderer', 'supplier', 'payer'], orgIdPrefix);

  const parties = new Map<string, ReturnType<typeof party>>([
    [buyer.id, buyerParty],
    [supplier.id, supplierParty],
  ]);
  for (const line of lines) {
    const provider = orgs.get(line.activity.providerId);
    if (!provider) continue;
    const known = parties.get(provider.id);
    if (known) {
      if (!known.roles.includes('payee')) known.roles.push('payee');
    } else parties.set(provider.id, party(provider, ['payee'], orgIdPrefix));
  }
  const ref = (org: OrganisationRow) => ({ id: parties.get(org.id)!.id, name: org.name });

  const contractValue = {
    amount: pounds(Number(row.annual_value_pence) * row.duration_years),
    currency: 'GBP',
  };
  const awardedAt = (row.spo_awarded_at ?? row.tender_awarded_at ?? row.closes_at).toISOString();
  const start = row.contract_start;
  const end = row.contract_end;

  const delivered = new Map<string, number>();
  const lastConfirmed = new Map<string, Date>();
  for (const r of reports) {
    const key = `${r.line_id}:${r.period}`;
    delivered.set(key, (delivered.get(key) ?? 0) + Number(r.confirmed_amount));
    const last = lastConfirmed.get(key);
    if (!last || r.responded_at > last) lastConfirmed.set(key, r.responded_at);
  }

  const agreedMetrics = [];
  const milestones = [];
  const implementationMetrics = [];
  for (const line of lines) {
    const schedule =
      start && end ? lineSchedule(annualAmount(line), UNIT[line.kind], start, end) : [];
    const title = lineTitle(line);
    const dimensions = {
      kind: line.kind,
      activity: line.activity.title,
      territory: line.activity.territory,
      ...(orgs.has(line.activity.providerId)
        ? { provider: parties.get(line.activity.providerId)!.id }
        : {}),
    };
    agreedMetrics.push({
      id: line.id,
      title,
      description: 'Committed in the sealed, awarded Social Purchase Order, by contract year.',
      observations: schedule.map((p) => ({
        id: `${line.id}-year-${p.period}`,
        period: { startDate: startOf(p.start), endDate: endOf(p.end) },
        ...observed(line, p.amount),
        dimensions: { ...dimensions, contractYear: p.period },
      })),
    });
    const deliveredObservations = [];
    for (const p of schedule) {
      const key = `${line.id}:${p.period}`;
      const got = delivered.get(key) ?? 0;
      const met = got >= p.amount;
      const pastDue = today > p.dueDate;
      const status = met ? 'met' : pastDue ? (got > 0 ? 'partiallyMet' : 'notMet') : 'scheduled';
      milestones.push({
        id: `${line.id}-year-${p.period}`,
        title: `Year ${p.period}: ${title}`,
        type: 'delivery',
        description: `${describe(line, p.amount)} due on the contract anniversary; ${describe(line, got)} confirmed by the provider.`,
        dueDate: startOf(p.dueDate),
        status,
        ...(met && lastConfirmed.has(key)
          ? { dateMet: lastConfirmed.get(key)!.toISOString() }
          : {}),
      });
      if (got > 0) {
        deliveredObservations.push({
          id: `${line.id}-year-${p.period}-confirmed`,
          period: { startDate: startOf(p.start), endDate: endOf(p.end) },
          ...observed(line, got),
          dimensions: { ...dimensions, contractYear: p.period },
          notes: 'Confirmed as received by the provider.',
        });
      }
    }
    if (deliveredObservations.length > 0) {
      implementationMetrics.push({
        id: line.id,
        title,
        description: 'Delivered as confirmed by the provider (whole or part), by contract year.',
        observations: deliveredObservations,
      });
    }
  }

  const lineById = new Map(lines.map((l) => [l.id, l]));
  const transactions = reports
    .filter((r) => r.kind === 'cash' && lineById.has(r.line_id))
    .map((r) => {
      const provider = orgs.get(lineById.get(r.line_id)!.activity.providerId);
      return {
        id: r.id,
        date: r.responded_at.toISOString(),
        value: { amount: pounds(r.confirmed_amount), currency: 'GBP' },
        payer: ref(supplier),
        ...(provider ? { payee: ref(provider) } : {}),
      };
    });
  const implemented = transactions.length > 0 || implementationMetrics.length > 0;

  const contractEnded = end !== null && today > end;
  const body = {
    ocid: row.ocid,
    tag: implemented ? ['award', 'contract', 'implementation'] : ['award', 'contract'],
    initiationType: 'tender',
    language: 'en',
    parties: [...parties.values()],
    buyer: ref(buyer),
    tender: {
      id: row.tender_id,
      title: row.title,
      description: row.description,
      status: 'complete',
      value: contractValue,
      tenderPeriod: { endDate: row.closes_at.toISOString() },
      awardCriteriaDetails:
        'Social value: contributions to local community activities, per £1m of annual contract value.',
      hasSustainability: true,
      sustainability: sustainability(row),
    },
    awards: [
      {
        id: row.spo_id,
        title: `Award of ${row.title}`,
        status: 'active',
        date: awardedAt,
        value: contractValue,
        suppliers: [ref(supplier)],
        ...(start && end
          ? { contractPeriod: { startDate: startOf(start), endDate: endOf(end) } }
          : {}),
      },
    ],
    contracts: [
      {
        id: row.spo_id,
        awardID: row.spo_id,
        title: row.title,
        status: contractEnded ? 'terminated' : 'active',
        ...(start && end ? { period: { startDate: startOf(start), endDate: endOf(end) } } : {}),
        value: contractValue,
        agreedMetrics,
        milestones,
        ...(implemented
          ? {
              implementation: {
                ...(transactions.length > 0 ? { transactions } : {}),
                ...(implementationMetrics.length > 0 ? { metrics: implementationMetrics } : {}),
              },
            }
          : {}),
      },
    ],
  };
  const confirmedDates = reports.map((r) => r.responded_at.toISOString());
  const date = [awardedAt, ...confirmedDates].sort().at(-1)!;
  // The id changes exactly when the content does, as OCDS asks of a new release.
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { ...body, id: `${row.ocid}-${digest}`, date };
}
