import { Link } from 'react-router-dom';
import type { ContractFulfilment } from '@shared/schemas/fulfilment';
import { formatDate } from '../activities/activity-format';
import { formatAmount, formatRatio, kindRows } from './fulfilment-format';

/** A contract's delivery by kind, in words: "Cash: 80% (£8,000 of £10,000 due)". */
function ContractKinds({ contract }: { contract: ContractFulfilment }) {
  const rows = kindRows(contract.totals);
  if (rows.length === 0) return <>—</>;
  return (
    <ul className="contracts-table__kinds">
      {rows.map((row) => {
        const f = row.figures;
        const amount = (value: number) => formatAmount(value, row.unit, row.unitLabel);
        return (
          <li key={row.key}>
            {row.label}:{' '}
            {f.ratioToDate === null ? (
              <>nothing due yet</>
            ) : (
              <>
                <strong>{formatRatio(f.ratioToDate)}</strong> ({amount(f.deliveredToDate)} of{' '}
                {amount(f.dueToDate)} due)
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** What needs attention on a contract, in words, or "None". */
function attentionText({ overdue, disputed, unverified }: ContractFulfilment['counts']): string {
  const parts = [
    overdue > 0 ? `${overdue} overdue` : null,
    disputed > 0 ? `${disputed} disputed` : null,
    unverified > 0 ? `${unverified} unverified` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'None' : parts.join(', ');
}

interface ContractsTableProps {
  contracts: readonly ContractFulfilment[];
  caption: string;
  /** Adds each contract's supplier, for contracts of several suppliers. */
  showSupplier?: boolean;
  'data-testid'?: string;
}

/** Awarded contracts (tender, buyer, dates) with delivered against due to date, by kind. */
export function ContractsTable({
  contracts,
  caption,
  showSupplier = false,
  'data-testid': testId,
}: ContractsTableProps) {
  return (
    <div className="table-scroll">
      <table className="table fulfilment-table" data-testid={testId}>
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col">Buyer</th>
            {showSupplier ? <th scope="col">Supplier</th> : null}
            <th scope="col">Contract</th>
            <th scope="col">Delivered of due to date</th>
            <th scope="col">Needs attention</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((contract) => (
            <tr key={contract.spoId} data-testid="contract-row" data-spo={contract.spoId}>
              <th scope="row">
                <Link to={`/tenders/${encodeURIComponent(contract.tender.id)}`}>
                  {contract.tender.title}
                </Link>
              </th>
              <td>
                <Link to={`/organisations/${encodeURIComponent(contract.buyer.id)}`}>
                  {contract.buyer.name}
                </Link>
              </td>
              {showSupplier ? (
                <td>
                  <Link to={`/organisations/${encodeURIComponent(contract.supplier.id)}`}>
                    {contract.supplier.name}
                  </Link>
                </td>
              ) : null}
              <td>
                {formatDate(contract.contractStart)} to {formatDate(contract.contractEnd)}
              </td>
              <td>
                <ContractKinds contract={contract} />
              </td>
              <td>{attentionText(contract.counts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
