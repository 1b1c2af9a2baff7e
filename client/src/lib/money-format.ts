const gbpWhole = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
});
const gbpExact = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Pence as pounds for a form field: "1250" or "1250.50", never rounded. */
export function penceToPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(pounds) : `${pounds}.${String(rest).padStart(2, '0')}`;
}

/**
 * £ with pennies only when there are some: "£5,000", "£4,999.99". For figures compared
 * with a threshold, where rounding to the pound could hide a shortfall.
 */
export function formatGbpToPenny(pence: number): string {
  return pence % 100 === 0 ? gbpWhole.format(pence / 100) : gbpExact.format(pence / 100);
}
