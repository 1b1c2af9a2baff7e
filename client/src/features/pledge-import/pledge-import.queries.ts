import { useMutation } from '@tanstack/react-query';
import { PledgePreview, type PledgeImportRequest } from '@shared/schemas/pledge-import';
import { sendJson } from '../../lib/api';

/**
 * Reads a pledge table and values it at the TOMs proxies on the server; nothing is saved.
 * A mutation, not a query: the table is the supplier's, sent once per "Preview".
 */
export function usePledgePreview(spoId: string) {
  return useMutation({
    mutationFn: (body: PledgeImportRequest) =>
      sendJson(
        'POST',
        `/api/spos/${encodeURIComponent(spoId)}/pledge-import/preview`,
        body,
        PledgePreview,
      ),
  });
}
