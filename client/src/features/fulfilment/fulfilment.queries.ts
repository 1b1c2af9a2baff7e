import { useQuery } from '@tanstack/react-query';
import {
  ContractReport,
  TenderFulfilment,
  TerritoryReport,
  TrackRecord,
} from '@shared/schemas/fulfilment';
import { getJson } from '../../lib/api';
import { fulfilmentKeys } from './fulfilment.keys';

// A provider's answer on another page changes these figures: each visit asks again rather
// than showing what was read a minute ago.
const FRESH = { staleTime: 0 } as const;

const tenderPath = (id: string) => `/api/tenders/${encodeURIComponent(id)}`;
const territoryPath = (code: string) => `/api/territories/${encodeURIComponent(code)}`;

/** Where a contract report's CSV is downloaded from. */
export const contractReportCsvPath = (tenderId: string) => `${tenderPath(tenderId)}/report.csv`;
/** Where a territory report's CSV is downloaded from. */
export const territoryReportCsvPath = (code: string) => `${territoryPath(code)}/report.csv`;

/** An awarded tender's fulfilment: public, for its page. */
export function useTenderFulfilment(tenderId: string) {
  return useQuery({
    ...FRESH,
    queryKey: fulfilmentKeys.tender(tenderId),
    queryFn: ({ signal }) =>
      getJson(`${tenderPath(tenderId)}/fulfilment`, TenderFulfilment, { signal }),
  });
}

/** A supplier's awarded SPOs and their fulfilment: public, for its profile. */
export function useTrackRecord(organisationId: string) {
  return useQuery({
    ...FRESH,
    queryKey: fulfilmentKeys.trackRecord(organisationId),
    queryFn: ({ signal }) =>
      getJson(
        `/api/organisations/${encodeURIComponent(organisationId)}/track-record`,
        TrackRecord,
        { signal },
      ),
  });
}

/** The buyer's contract report (its members and admins only). */
export function useContractReport(tenderId: string) {
  return useQuery({
    ...FRESH,
    queryKey: fulfilmentKeys.contractReport(tenderId),
    queryFn: ({ signal }) => getJson(`${tenderPath(tenderId)}/report`, ContractReport, { signal }),
  });
}

/** A territory report (members of a buyer organisation and admins only). */
export function useTerritoryReport(code: string) {
  return useQuery({
    ...FRESH,
    queryKey: fulfilmentKeys.territoryReport(code),
    queryFn: ({ signal }) => getJson(`${territoryPath(code)}/report`, TerritoryReport, { signal }),
  });
}
