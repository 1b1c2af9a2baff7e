import express, { type RequestHandler, type Response } from 'express';
import { IdParams } from '@shared/schemas/accounts';
import {
  DeliveryReportInput,
  DeliveryReportPage,
  DeliveryReportView,
  DeliverySettings,
  EvidenceFileView,
  EvidenceMediaTypes,
  EvidenceUploadQuery,
  MAX_EVIDENCE_BYTES,
  ReportListQuery,
  ReportResponseInput,
  SpoDelivery,
} from '@shared/schemas/delivery';
import { z } from 'zod';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { AppError } from '../../lib/app-error';
import { requirePerson } from '../../lib/policy';
import type { DeliveryService, LoadedDelivery } from './delivery.service';
import type { ReportRow } from './delivery.repo';

/** What the download answers: the file's own bytes, in its own media type. */
const FileContent = z.custom<Buffer>((v) => Buffer.isBuffer(v));

const FileParams = z.object({
  id: z.uuid({ error: 'is not a valid id' }),
  fileId: z.uuid({ error: 'is not a valid id' }),
});

/** A file name safe in a Content-Disposition header: no path, no control or quote marks. */
function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '_').trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'evidence' : cleaned;
}

/**
 * An awarded SPO's delivery (`/api/spos/:id/delivery`, `/api/spos/:id/reports`), the
 * reports themselves (`/api/delivery-reports`: answers and evidence files) and a tender's
 * delivery settings (`/api/tenders/:id/delivery-settings`).
 */
export function deliveryRoutes(
  table: RouteTable,
  service: DeliveryService,
  idempotent: RequestHandler,
) {
  const noStore = { 'Cache-Control': 'no-store' };

  const spos = table.router('/spos');
  const delivery: RequestHandler = async (_req, res, next) => {
    const { id } = parsed(res, 'params', IdParams);
    res.locals.delivery = await service.load(context(res).actor, id);
    next();
  };
  const loaded = (res: Response) => res.locals.delivery as LoadedDelivery;

  spos.get(
    '/:id/delivery',
    { response: SpoDelivery },
    validate('params', IdParams),
    delivery,
    async (_req, res) => {
      res.set(noStore).json(await service.get(context(res).actor, loaded(res)));
    },
  );

  spos.post(
    '/:id/reports',
    { response: DeliveryReportView, status: 201 },
    validate('params', IdParams),
    delivery,
    // Authorised before the idempotency key: a stored answer is replayed only to a person
    // who may still report.
    (_req, res, next) => {
      service.requireSupplier(context(res).actor, loaded(res));
      next();
    },
    validate('body', DeliveryReportInput),
    idempotent,
    async (_req, res) => {
      res
        .status(201)
        .json(
          await service.report(context(res), loaded(res), parsed(res, 'body', DeliveryReportInput)),
        );
    },
  );

  const reports = table.router('/delivery-reports');

  reports.get(
    '/',
    { response: DeliveryReportPage },
    validate('query', ReportListQuery),
    async (_req, res) => {
      const actor = requirePerson(context(res).actor);
      res.set(noStore).json(await service.list(actor, parsed(res, 'query', ReportListQuery)));
    },
  );

  reports.post(
    '/:id/response',
    { response: DeliveryReportView },
    validate('params', IdParams),
    validate('body', ReportResponseInput),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.answer(context(res), id, parsed(res, 'body', ReportResponseInput)));
    },
  );

  const accepted = new Set<string>(EvidenceMediaTypes);
  const mediaTypeOf = (res: Response, header: string | undefined) => {
    const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
    res.locals.mediaType = type;
    return type;
  };
  reports.post(
    '/:id/evidence',
    { response: EvidenceFileView, status: 201 },
    validate('params', IdParams),
    validate('query', EvidenceUploadQuery),
    // Who may add a file, and of what type, is settled before the body is read.
    async (req, res, next) => {
      const { id } = parsed(res, 'params', IdParams);
      res.locals.report = await service.evidenceTarget(context(res).actor, id);
      if (!accepted.has(mediaTypeOf(res, req.get('content-type'))))
        throw new AppError(
          'unsupported_media_type',
          415,
          'Evidence files are PDF, PNG, JPEG, WebP, plain text, CSV, Word, Excel or ODF text',
          { accepted: [...EvidenceMediaTypes] },
        );
      next();
    },
    express.raw({ type: () => true, limit: MAX_EVIDENCE_BYTES }),
    // After the body is read: a retry is the same request only with the same bytes and name.
    idempotent,
    async (req, res) => {
      const body: unknown = req.body;
      const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      res.status(201).json(
        await service.addEvidence(context(res), res.locals.report as ReportRow, {
          name: parsed(res, 'query', EvidenceUploadQuery).name,
          mediaType: res.locals.mediaType as string,
          content,
        }),
      );
    },
  );

  reports.get(
    '/:id/evidence/:fileId',
    { response: FileContent },
    validate('params', FileParams),
    async (_req, res) => {
      const { id, fileId } = parsed(res, 'params', FileParams);
      const file = await service.evidenceFile(context(res).actor, id, fileId);
      res.attachment(safeFileName(file.fileName));
      res.set({
        'Content-Type': file.mediaType,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      });
      res.send(file.content);
    },
  );

  const tenders = table.router('/tenders');
  tenders.patch(
    '/:id/delivery-settings',
    { response: DeliverySettings },
    validate('params', IdParams),
    validate('body', DeliverySettings),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.setSettings(context(res), id, parsed(res, 'body', DeliverySettings)));
    },
  );

  return { spos: spos.router, reports: reports.router, tenders: tenders.router };
}
