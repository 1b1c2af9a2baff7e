import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../server/src/db/client';

/**
 * Delivery reports written straight into the database, so that the fulfilment tests do not
 * depend on the delivery API: a report as a supplier sends it, then (optionally) the
 * provider's one answer, as the table's history rules allow.
 */

export interface ReportFixture {
  spoId: string;
  lineId: string;
  period: number;
  /** In the line's unit: pence for cash. */
  amount: number;
  reportedBy: string;
  /** When the provider's answer was due; past it, an unanswered report is unverified. */
  respondBy: Date;
  supersedes?: string;
  createdAt?: Date;
}

/** Inserts one report and answers its id. */
export async function insertReport(database: DatabaseHandle, r: ReportFixture): Promise<string> {
  const row = await database.db
    .insertInto('delivery_reports')
    .values({
      spo_id: r.spoId,
      line_id: r.lineId,
      period: r.period,
      amount: String(r.amount),
      evidence_note: 'Paid by bank transfer',
      supersedes_id: r.supersedes ?? null,
      reported_by: r.reportedBy,
      created_at: r.createdAt ?? new Date(Date.now() - 60 * 86_400_000),
      respond_by: r.respondBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The provider's answer to a report: confirmed in full, part (how much), or disputed. */
export async function answerReport(
  database: DatabaseHandle,
  id: string,
  answer:
    | { response: 'confirmed'; amount: number }
    | { response: 'part_confirmed'; confirmedAmount: number }
    | { response: 'disputed' },
  respondedBy: string,
  comment = 'Checked against our bank statement',
): Promise<void> {
  const confirmed =
    answer.response === 'confirmed'
      ? answer.amount
      : answer.response === 'part_confirmed'
        ? answer.confirmedAmount
        : 0;
  await database.db
    .updateTable('delivery_reports')
    .set({
      response: answer.response,
      confirmed_amount: String(confirmed),
      response_comment: comment,
      responded_by: respondedBy,
      responded_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Sets an awarded SPO's contract dates (what the award would have recorded). */
export async function setContract(
  database: DatabaseHandle,
  spoId: string,
  start: string,
  end: string,
): Promise<void> {
  await database.db
    .updateTable('spos')
    .set({ contract_start: start, contract_end: end })
    .where('id', '=', spoId)
    .execute();
}

/** Sets a tender's delivery rules. */
export async function setGraceDays(
  database: DatabaseHandle,
  tenderId: string,
  graceDays: number,
): Promise<void> {
  await database.db
    .updateTable('tenders')
    .set({ delivery_grace_days: graceDays })
    .where('id', '=', tenderId)
    .execute();
}
