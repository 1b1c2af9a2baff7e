import type { ConfirmedCashRow } from './open-data.repo';
import { orgIdentifier, pounds } from './open-data.ids';

/**
 * One provider-confirmed cash report as a 360Giving grant: the supplier funds, the provider
 * receives, the amount is what the provider confirmed arriving (whole or part), awarded on
 * the day it confirmed. In-kind, volunteering and TOMs proxy values are never grants.
 */
export function grant(row: ConfirmedCashRow, prefixes: { grant: string; orgIdList: string }) {
  const funder = orgIdentifier(
    { id: row.supplier_id, registered_id: row.supplier_registered_id },
    prefixes.orgIdList,
  );
  const recipient = orgIdentifier(
    { id: row.provider_id, registered_id: row.provider_registered_id },
    prefixes.orgIdList,
  );
  const what = `Social-value contribution under contract ${row.tender_title} (${row.ocid}), year ${row.period}`;
  return {
    id: `${prefixes.grant}-${row.id}`,
    title: what,
    description: `${what}: cash to ${row.activity_title}, confirmed as received by ${row.provider_name}.`,
    currency: 'GBP',
    amountAwarded: pounds(row.confirmed_amount),
    awardDate: row.responded_at.toISOString().slice(0, 10),
    fundingOrganization: [{ id: funder.id, name: row.supplier_name }],
    recipientOrganization: [{ id: recipient.id, name: row.provider_name }],
    beneficiaryLocation: [{ name: row.territory_name, geoCode: row.territory_code }],
  };
}
