import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ActivityMap, ActivitySupporters } from '@shared/schemas/activities';
import { SpoView, TenderView } from '@shared/schemas/tenders';
import {
  ApiError,
  getJson,
  parseResponse,
  ResponseShapeError,
  sendJson,
} from '../../../client/src/lib/api';
import { clusteredMap, openTender, spoSeenByBuyer, supporters } from './recorded-answers';

/** Makes `fetch` answer every request with this JSON body and status. */
function answerWith(body: unknown, status = 200) {
  globalThis.fetch = jest.fn(async () =>
    Response.json(body, { status }),
  ) as unknown as typeof fetch;
}

const realFetch = globalThis.fetch;
let consoleError: ReturnType<typeof jest.spyOn>;

beforeEach(() => {
  // The client logs every mismatch; the tests look at what it throws instead.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  globalThis.fetch = realFetch;
  consoleError.mockRestore();
});

/** The recorded tender without one of its fields. */
function tenderWithout(field: keyof typeof openTender) {
  const { [field]: _dropped, ...rest } = openTender;
  return rest;
}

describe('the client reading answers through the shared schemas', () => {
  it.each([
    ['a tender', TenderView, openTender],
    ['an SPO as the buyer sees it after closing', SpoView, spoSeenByBuyer],
    ['the map’s clusters', ActivityMap, clusteredMap],
    ['an activity’s supporters', ActivitySupporters, supporters],
  ] as const)('accepts %s as the server really sends it', async (_what, schema, body) => {
    answerWith(body);
    await expect(getJson('/api/recorded', schema)).resolves.toEqual(body);
  });

  it('refuses an answer that misses a field, naming the route and the field', async () => {
    answerWith(tenderWithout('closesAt'));
    const failure = getJson(`/api/tenders/${openTender.id}`, TenderView);
    await expect(failure).rejects.toThrow(ResponseShapeError);
    await expect(failure).rejects.toThrow(`GET /api/tenders/${openTender.id}`);
    await expect(failure).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['closesAt'] })],
    });
  });

  it('refuses a field of the wrong type, deep inside the answer', async () => {
    const [line, ...others] = spoSeenByBuyer.lines;
    answerWith({
      ...spoSeenByBuyer,
      lines: [{ ...line!, annualPence: String(line!.annualPence) }, ...others],
    });
    const failure = sendJson('POST', `/api/spos/${spoSeenByBuyer.id}/submit`, undefined, SpoView);
    await expect(failure).rejects.toThrow(`POST /api/spos/${spoSeenByBuyer.id}/submit`);
    await expect(failure).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['lines', 0, 'annualPence'] })],
    });
    expect(consoleError).toHaveBeenCalled();
  });

  it('refuses a status the schema does not know', async () => {
    answerWith({ ...openTender, status: 'paused' });
    await expect(getJson('/api/tenders/x', TenderView)).rejects.toThrow(/status/);
  });

  it('in production, turns a mismatch into an error the page can show, and logs the details', () => {
    const answer = { route: 'GET /api/tenders/x', status: 200, body: tenderWithout('status') };
    let thrown: unknown;
    try {
      parseResponse(TenderView, answer, { strict: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      code: 'invalid_response',
      status: 200,
      message: expect.stringMatching(/could not read/),
      details: [expect.objectContaining({ path: ['status'] })],
    });
    expect(consoleError).toHaveBeenCalledWith(
      expect.stringContaining('GET /api/tenders/x'),
      expect.anything(),
    );
  });

  it('keeps the server’s own error answers as they were', async () => {
    answerWith({ error: { code: 'tender_not_found', message: 'No tender has this id' } }, 404);
    await expect(getJson('/api/tenders/x', TenderView)).rejects.toMatchObject({
      code: 'tender_not_found',
      status: 404,
    });
  });
});
