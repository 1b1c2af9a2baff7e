import { IdParams } from '@shared/schemas/accounts';
import {
  ContractReport,
  ProviderFulfilment,
  TenderFulfilment,
  TerritoryFulfilment,
  TerritoryReport,
  TrackRecord,
} from '@shared/schemas/fulfilment';
import { TerritoryCode } from '@shared/schemas/territories';
import type { Response } from 'express';
import { z } from 'zod';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { csvFileName, fulfilmentCsv } from './fulfilment.presenter';
import type { FulfilmentService } from './fulfilment.service';

const CodeParams = z.object({ code: z.string().toUpperCase().pipe(TerritoryCode) });
/** What the CSV routes answer: the file's text. */
const CsvText = z.string();

function sendCsv(res: Response, name: string, csv: string) {
  res
    .set({
      'Cache-Control': 'private, no-store',
      'Content-Disposition': `attachment; filename="${name}"`,
    })
    .type('text/csv; charset=utf-8')
    .send(csv);
}

/**
 * Fulfilment of awarded SPOs under `/api/tenders`, `/api/organisations` and
 * `/api/territories` (public figures), and the buyers' reports (JSON for the printable page,
 * and CSV), which only buyers (and administrators) may read.
 */
export function fulfilmentRoutes(table: RouteTable, service: FulfilmentService) {
  const tenders = table.router('/tenders');
  const organisations = table.router('/organisations');
  const territories = table.router('/territories');
  const privateAnswer = { 'Cache-Control': 'private, no-store' };

  tenders.get(
    '/:id/fulfilment',
    { response: TenderFulfilment },
    validate('params', IdParams),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.tender(context(res).actor, id));
    },
  );

  tenders.get(
    '/:id/report',
    { response: ContractReport },
    validate('params', IdParams),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.set(privateAnswer).json(await service.contractReport(context(res).actor, id));
    },
  );

  tenders.get(
    '/:id/report.csv',
    { response: CsvText },
    validate('params', IdParams),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      const report = await service.contractReport(context(res).actor, id);
      sendCsv(res, csvFileName('contract', report.tender.title), fulfilmentCsv(report.lines));
    },
  );

  organisations.get(
    '/:id/track-record',
    { response: TrackRecord },
    validate('params', IdParams),
    async (_req, res) => {
      res.json(await service.trackRecord(parsed(res, 'params', IdParams).id));
    },
  );

  organisations.get(
    '/:id/fulfilment',
    { response: ProviderFulfilment },
    validate('params', IdParams),
    async (_req, res) => {
      res.json(await service.provider(parsed(res, 'params', IdParams).id));
    },
  );

  territories.get(
    '/:code/fulfilment',
    { response: TerritoryFulfilment },
    validate('params', CodeParams),
    async (_req, res) => {
      res.json(await service.territory(parsed(res, 'params', CodeParams).code));
    },
  );

  territories.get(
    '/:code/report',
    { response: TerritoryReport },
    validate('params', CodeParams),
    async (_req, res) => {
      const { code } = parsed(res, 'params', CodeParams);
      res.set(privateAnswer).json(await service.territoryReport(context(res).actor, code));
    },
  );

  territories.get(
    '/:code/report.csv',
    { response: CsvText },
    validate('params', CodeParams),
    async (_req, res) => {
      const { code } = parsed(res, 'params', CodeParams);
      const report = await service.territoryReport(context(res).actor, code);
      sendCsv(res, csvFileName('territory', report.territory.code), fulfilmentCsv(report.lines));
    },
  );

  return {
    tenders: tenders.router,
    organisations: organisations.router,
    territories: territories.router,
  };
}
