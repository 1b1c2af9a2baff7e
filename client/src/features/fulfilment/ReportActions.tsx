interface ReportActionsProps {
  /** Where the same report downloads as CSV; the server names the file. */
  csvPath: string;
}

/** A report's buttons, hidden in print: print it, or download its table as CSV. */
export function ReportActions({ csvPath }: ReportActionsProps) {
  function handlePrint() {
    window.print();
  }
  return (
    <p className="report__actions" data-testid="report-actions">
      <button type="button" className="button" onClick={handlePrint} data-testid="report-print">
        Print
      </button>
      <a className="button button--secondary" href={csvPath} download data-testid="report-csv">
        Download CSV
      </a>
    </p>
  );
}
