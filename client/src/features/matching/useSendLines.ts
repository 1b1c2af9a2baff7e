import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { SpoView } from '@shared/schemas/tenders';
import { errorMessage, sendJson } from '../../lib/api';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { linkRequestKeys } from '../link-requests/link-requests.keys';
import { spoKeys } from '../spos/spos.keys';
import { useCreateSpo } from '../spos/spos.queries';
import { matchingKeys } from './matching.keys';

/** A line to send: a cash commitment to one activity, a link-up request to its provider. */
export interface LineToSend {
  activityId: string;
  title: string;
  annualPence: number;
}

/** How one line fared. */
export interface SentLine extends LineToSend {
  ok: boolean;
  error?: string | undefined;
}

/** Where sending stands: how many of the lines have had an answer, and the answers. */
export interface SendProgress {
  spoId: string | undefined;
  total: number;
  results: SentLine[];
  finished: boolean;
  /** Starting the SPO failed, so no line was sent. */
  startError?: string | undefined;
}

/**
 * Sends suggested lines to the supplier's SPO for a tender, one request after another (so
 * that progress can be shown and one refusal does not lose the rest), starting the SPO
 * first when there is none. Each line keeps its `Idempotency-Key` across a retry, so a line
 * whose answer was lost is not added twice.
 */
export function useSendLines(tenderId: string) {
  const queryClient = useQueryClient();
  const createSpo = useCreateSpo(tenderId);
  const [progress, setProgress] = useState<SendProgress | undefined>(undefined);
  const keys = useRef(new Map<string, string>());
  const startKey = useRef<string | undefined>(undefined);

  function keyFor(line: LineToSend): string {
    const id = `${line.activityId}:${line.annualPence}`;
    let key = keys.current.get(id);
    if (!key) {
      key = newIdempotencyKey();
      keys.current.set(id, key);
    }
    return key;
  }

  /** Sends the lines; answers how each fared, or nothing when the SPO could not be started. */
  async function send(
    supplierId: string,
    spoId: string | undefined,
    lines: LineToSend[],
  ): Promise<SentLine[] | undefined> {
    setProgress({ spoId, total: lines.length, results: [], finished: false });
    let id = spoId;
    if (!id) {
      startKey.current ??= newIdempotencyKey();
      try {
        id = await createSpo.mutateAsync({ supplierId, idempotencyKey: startKey.current });
      } catch (error) {
        setProgress({
          spoId,
          total: lines.length,
          results: [],
          finished: true,
          startError: errorMessage(error),
        });
        return undefined;
      }
    }
    const results: SentLine[] = [];
    for (const line of lines) {
      try {
        await sendJson(
          'POST',
          `/api/spos/${encodeURIComponent(id)}/lines`,
          { activityId: line.activityId, kind: 'cash', annualPence: line.annualPence },
          SpoView,
          { headers: { 'Idempotency-Key': keyFor(line) } },
        );
        results.push({ ...line, ok: true });
      } catch (error) {
        results.push({ ...line, ok: false, error: errorMessage(error) });
      }
      setProgress({ spoId: id, total: lines.length, results: [...results], finished: false });
    }
    setProgress({ spoId: id, total: lines.length, results, finished: true });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: spoKeys.all }),
      // A line added is a request in a provider's inbox, and less room for the next match.
      queryClient.invalidateQueries({ queryKey: linkRequestKeys.all }),
      queryClient.invalidateQueries({ queryKey: matchingKeys.all, refetchType: 'none' }),
    ]);
    return results;
  }

  return {
    progress,
    sending: progress !== undefined && !progress.finished,
    send,
    reset: () => setProgress(undefined),
  };
}
