import { parse } from 'csv-parse/sync';
import { PledgeTableError, previewPledgeTable } from '@shared/pledge-import';
import type { PledgePreview } from '@shared/schemas/pledge-import';
import { AppError } from '../../lib/app-error';
import type { LoadedSpo, SposService } from '../spos/spos.service';
import type { TomsService } from '../toms/toms.service';

/**
 * Pledge import: a supplier's CSV pledge table read and valued at the TOMs proxies, to
 * start an SPO's TOMs lines from. Nothing is stored here: the lines the supplier keeps are
 * added one by one through the SPO's own add-line route, each a link-up request.
 */
export function createPledgeImportService({
  spos,
  toms,
}: {
  spos: Pick<SposService, 'requireSupplier' | 'requireEditable'>;
  toms: Pick<TomsService, 'measures' | 'frameworks'>;
}) {
  /** The supplier's members only (403), while the SPO can still change (409). */
  function requireImporter(loaded: LoadedSpo): void {
    spos.requireSupplier(loaded);
    spos.requireEditable(loaded);
  }

  return {
    requireImporter,

    /** The table's rows valued, with their problems and mismatches; nothing is stored. */
    async preview(loaded: LoadedSpo, csv: string): Promise<PledgePreview> {
      requireImporter(loaded);
      const [measures, frameworks] = await Promise.all([toms.measures(), toms.frameworks()]);
      try {
        return previewPledgeTable(csv, parse, measures, frameworks);
      } catch (error) {
        if (!(error instanceof PledgeTableError)) throw error;
        throw new AppError('validation_failed', 400, error.message, [
          { path: 'csv', message: error.message },
        ]);
      }
    },
  };
}

export type PledgeImportService = ReturnType<typeof createPledgeImportService>;
