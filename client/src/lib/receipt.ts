import { useLocation } from 'react-router-dom';

/** The receipts a page shows after the action that led to it. */
export const RECEIPTS = [
  'spo-submitted',
  'activity-listed',
  'tender-published',
  'tender-awarded',
] as const;
export type Receipt = (typeof RECEIPTS)[number];

/** What a navigation carries in its `state` for the page it lands on to show a receipt. */
export interface ReceiptState {
  receipt: Receipt;
}

/** The navigation state that asks the next page for this receipt. */
export function receiptState(receipt: Receipt): ReceiptState {
  return { receipt };
}

/**
 * The receipt the navigation to this page asked for, if any. It lives in the history entry,
 * as a GOV.UK confirmation page does: a reload shows it again, a later visit does not.
 */
export function useReceipt(): Receipt | undefined {
  const { state } = useLocation();
  const receipt =
    typeof state === 'object' && state !== null
      ? (state as Partial<ReceiptState>).receipt
      : undefined;
  return RECEIPTS.find((known) => known === receipt);
}
