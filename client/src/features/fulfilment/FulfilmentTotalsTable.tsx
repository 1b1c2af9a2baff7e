import type { FulfilmentTotals } from '@shared/schemas/fulfilment';
import { Ratio } from './Ratio';
import { ScrollRegion } from './ScrollRegion';
import { formatAmount, formatEstimate, kindRows } from './fulfilment-format';

interface FulfilmentTotalsTableProps {
  totals: FulfilmentTotals;
  /** What the totals are of, for the caption: "this contract", "Thames Valley". */
  of: string;
}

/**
 * Committed, due and confirmed delivered for each kind of contribution, to date and this
 * year, each in its own unit: cash, in kind and hours are never added together. TOMs
 * measures' proxy £ values follow in a table of their own, labelled an estimate.
 */
export function FulfilmentTotalsTable({ totals, of }: FulfilmentTotalsTableProps) {
  const rows = kindRows(totals);
  const estimated = rows.filter((row) => row.estimatedProxyPence !== null);
  if (rows.length === 0) return <p className="muted">Nothing is committed here.</p>;
  return (
    <>
      <ScrollRegion label={`Totals for ${of}`}>
        <table className="table fulfilment-table" data-testid="fulfilment-totals">
          <caption className="table__caption">
            Delivered against due for {of}, by kind of contribution. Each kind is in its own unit
            and never added to another. Delivered counts only what providers confirmed.
          </caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" className="table__number">
                Committed (whole contract)
              </th>
              <th scope="col" className="table__number">
                Due to date
              </th>
              <th scope="col" className="table__number">
                Confirmed delivered
              </th>
              <th scope="col" className="table__number">
                Delivered of due
              </th>
              <th scope="col" className="table__number">
                Due this year
              </th>
              <th scope="col" className="table__number">
                Delivered this year
              </th>
              <th scope="col" className="table__number">
                Delivered of due this year
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const f = row.figures;
              const amount = (value: number) => formatAmount(value, row.unit, row.unitLabel);
              return (
                <tr key={row.key} data-testid="fulfilment-total" data-kind={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="table__number">{amount(f.committed)}</td>
                  <td className="table__number">{amount(f.dueToDate)}</td>
                  <td className="table__number" data-testid="fulfilment-delivered">
                    {amount(f.deliveredToDate)}
                  </td>
                  <td className="table__number" data-testid="fulfilment-ratio">
                    <Ratio ratio={f.ratioToDate} />
                  </td>
                  <td className="table__number">{amount(f.dueThisYear)}</td>
                  <td className="table__number">{amount(f.deliveredThisYear)}</td>
                  <td className="table__number">
                    <Ratio ratio={f.ratioThisYear} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {estimated.length > 0 ? (
        <ScrollRegion label={`Estimated proxy values for ${of}`}>
          <table className="table fulfilment-table" data-testid="fulfilment-estimates">
            <caption className="table__caption">
              Estimate: the TOMs proxy value of the measures for {of}. A proxy value is an estimate
              of social value, not money paid, and is never added to the figures above.
            </caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col" className="table__number">
                  Committed (estimate)
                </th>
                <th scope="col" className="table__number">
                  Due to date (estimate)
                </th>
                <th scope="col" className="table__number">
                  Confirmed delivered (estimate)
                </th>
              </tr>
            </thead>
            <tbody>
              {estimated.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="table__number">
                    {formatEstimate(row.estimatedProxyPence?.committed ?? 0)}
                  </td>
                  <td className="table__number">
                    {formatEstimate(row.estimatedProxyPence?.dueToDate ?? 0)}
                  </td>
                  <td className="table__number">
                    {formatEstimate(row.estimatedProxyPence?.deliveredToDate ?? 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </>
  );
}
