import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import {
  DeliveryReportPage,
  DeliveryReportView,
  DeliverySettings,
  EvidenceFileView,
  SpoDelivery,
  type DeliveryReportInput,
  type ReportResponseInput,
} from '@shared/schemas/delivery';
import { ErrorCodes, type ErrorCode } from '@shared/errors';
import { ApiError, errorMessage, getJson, parseResponse, sendJson } from '../../lib/api';
import { deliveryKeys } from './delivery.keys';

/** How many reports a page of the reports list shows. */
export const REPORTS_PAGE_SIZE = 20;

const spoDeliveryPath = (spoId: string) => `/api/spos/${encodeURIComponent(spoId)}/delivery`;
const reportPath = (reportId: string) => `/api/delivery-reports/${encodeURIComponent(reportId)}`;

/** Where an evidence file is downloaded from (its parties only). */
export const evidenceFilePath = (reportId: string, fileId: string) =>
  `${reportPath(reportId)}/evidence/${encodeURIComponent(fileId)}`;

/**
 * An awarded SPO's delivery: its milestones per line and every report, as the viewer may see
 * them (its supplier, its buyer, its lines' providers). `spoId` undefined waits.
 */
export function useSpoDelivery(spoId: string | undefined) {
  return useQuery({
    queryKey: spoId === undefined ? [...deliveryKeys.all, 'idle'] : deliveryKeys.spo(spoId),
    queryFn:
      spoId === undefined
        ? skipToken
        : ({ signal }) => getJson(spoDeliveryPath(spoId), SpoDelivery, { signal }),
    // Someone who is not a party is refused for good: asking again would say the same.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** One page of the reports the person's organisations must answer, or have sent. */
export function useDeliveryReports(role: 'answer' | 'sent', page: number) {
  return useQuery({
    queryKey: deliveryKeys.reportList(role, page),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({
        role,
        page: String(page),
        pageSize: String(REPORTS_PAGE_SIZE),
      });
      return getJson(`/api/delivery-reports?${query}`, DeliveryReportPage, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** After any report or answer: the SPO's milestones and every reports list may have moved. */
function settleDelivery(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: deliveryKeys.all });
}

const UploadFailure = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * An evidence file sent after its report: the raw file, named, with its own media type, and
 * an `Idempotency-Key` so that sending again after a lost answer does not store it twice.
 */
async function uploadEvidence(
  reportId: string,
  file: File,
  idempotencyKey: string,
): Promise<EvidenceFileView> {
  const path = `${reportPath(reportId)}/evidence?${new URLSearchParams({ name: file.name })}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': file.type || 'application/octet-stream',
        'Idempotency-Key': idempotencyKey,
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      'network_error',
      0,
      'The server could not be reached. Check your connection and try again.',
    );
  }
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const failure = UploadFailure.safeParse(body);
    const code = failure.success ? failure.data.error.code : undefined;
    throw new ApiError(
      code && (ErrorCodes as readonly string[]).includes(code)
        ? (code as ErrorCode)
        : 'unexpected_response',
      response.status,
      failure.success
        ? failure.data.error.message
        : `The server answered with an error (HTTP ${response.status}).`,
      { details: failure.success ? failure.data.error.details : undefined },
    );
  }
  return parseResponse(EvidenceFileView, { route: `POST ${path}`, status: response.status, body });
}

/** A file that could not be added as evidence, and why. */
export interface FailedUpload {
  fileName: string;
  message: string;
}

/** What sending a report did: the report, and which of its files went and which did not. */
export interface SentReport {
  report: DeliveryReportView;
  uploaded: number;
  failed: FailedUpload[];
}

/**
 * A file's key: the report it goes to and the file itself (size, date, name), so that sending
 * the same file to the same report again, after a lost answer, by a retried send or from
 * "add files" on the report, replays what the server stored instead of storing it twice.
 * ASCII and under the server's 100 characters.
 */
export function evidenceKey(reportId: string, file: File): string {
  const name = encodeURIComponent(file.name).slice(0, 24);
  return `evidence.${reportId}.${file.size}.${file.lastModified}.${name}`;
}

/** Uploads files one after another; a refusal of one does not stop the rest. */
async function uploadAll(reportId: string, files: File[]) {
  let uploaded = 0;
  const failed: FailedUpload[] = [];
  for (const file of files) {
    try {
      await uploadEvidence(reportId, file, evidenceKey(reportId, file));
      uploaded += 1;
    } catch (error) {
      failed.push({ fileName: file.name, message: errorMessage(error) });
    }
  }
  return { uploaded, failed };
}

/** What the supplier sends: the report, its evidence files, and the key that makes a retry safe. */
export interface SendReportInput {
  report: DeliveryReportInput;
  files: File[];
  idempotencyKey: string;
}

/**
 * Reports a contribution (or a correction, with `supersedes`), then uploads its evidence
 * files. The report stands even if a file is refused: those are said, to add again.
 */
export function useSendReport(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ report, files, idempotencyKey }: SendReportInput): Promise<SentReport> => {
      const sent = await sendJson(
        'POST',
        `/api/spos/${encodeURIComponent(spoId)}/reports`,
        report,
        DeliveryReportView,
        { headers: { 'Idempotency-Key': idempotencyKey } },
      );
      // A retry replays the report and each file already stored, and sends only the rest.
      return { report: sent, ...(await uploadAll(sent.id, files)) };
    },
    onSettled: () => settleDelivery(queryClient),
  });
}

/** Adds evidence files to a report already sent. */
export function useAddEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, files }: { reportId: string; files: File[] }) =>
      uploadAll(reportId, files),
    onSettled: () => settleDelivery(queryClient),
  });
}

/** The provider's answer to a report: confirmed, part confirmed (how much) or disputed (why). */
export function useAnswerReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, answer }: { reportId: string; answer: ReportResponseInput }) =>
      sendJson('POST', `${reportPath(reportId)}/response`, answer, DeliveryReportView),
    onSuccess: () => settleDelivery(queryClient),
  });
}

/** The buyer's grace and response periods for a contract's delivery. */
export function useSaveDeliverySettings(tenderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: DeliverySettings) =>
      sendJson(
        'PATCH',
        `/api/tenders/${encodeURIComponent(tenderId)}/delivery-settings`,
        settings,
        DeliverySettings,
      ),
    onSuccess: () => settleDelivery(queryClient),
  });
}
