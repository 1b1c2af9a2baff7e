import express, { type RequestHandler } from 'express';
import { IdParams } from '@shared/schemas/accounts';
import {
  PLEDGE_TABLE_MAX_BYTES,
  PledgeImportRequest,
  PledgePreview,
} from '@shared/schemas/pledge-import';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { requirePerson } from '../../lib/policy';
import type { LoadedSpo, SposService } from '../spos/spos.service';
import type { PledgeImportService } from './pledge-import.service';

/** Where the preview is, under `/api`: its body gets a parser of its own (`pledgeImportJson`). */
export const PLEDGE_PREVIEW_PATH = '/spos/:id/pledge-import/preview';

/**
 * The preview's body parser, mounted before the API's own (100 kB): a table of up to
 * PLEDGE_TABLE_MAX_BYTES even if it were all quotes, backslashes and line breaks (two bytes
 * each once written as JSON), and a little for the envelope; only other control characters
 * take more. The table's own limit, with a clearer message, is the schema's and the reader's.
 */
export const pledgeImportJson: RequestHandler = express.json({
  limit: 2 * PLEDGE_TABLE_MAX_BYTES + 1024,
});

/**
 * `POST /api/spos/:id/pledge-import/preview`: the supplier's members only (401 signed out;
 * 404 to anyone who may not see the SPO, as for every SPO route; 403 to others who may),
 * while the SPO can still change (409). Saves nothing, so it takes no Idempotency-Key.
 */
export function pledgeImportRoutes(
  table: RouteTable,
  service: PledgeImportService,
  spos: Pick<SposService, 'load'>,
) {
  const r = table.router('/spos');
  // Signed in (401), allowed to see the SPO (404), its supplier's (403), the SPO still open
  // to change (409): all before the body is read, so that a refusal says nothing of it.
  const importer: RequestHandler = async (_req, res, next) => {
    const actor = requirePerson(context(res).actor);
    const loaded = await spos.load(actor, parsed(res, 'params', IdParams).id);
    service.requireImporter(loaded);
    res.locals.spo = loaded;
    next();
  };

  r.post(
    '/:id/pledge-import/preview',
    { response: PledgePreview },
    validate('params', IdParams),
    importer,
    validate('body', PledgeImportRequest),
    async (_req, res) => {
      const { csv } = parsed(res, 'body', PledgeImportRequest);
      res
        .set('Cache-Control', 'no-store')
        .json(await service.preview(res.locals.spo as LoadedSpo, csv));
    },
  );
  return r.router;
}
