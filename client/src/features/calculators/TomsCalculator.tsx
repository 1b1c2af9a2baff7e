import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { poundsToPence } from '@shared/money';
import {
  TomsCalculation,
  type TomsCalculationAnswer,
  type TomsCalculationLine,
} from '@shared/schemas/tenders';
import type { MeasureView } from '@shared/schemas/toms';
import type { z } from 'zod';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryError } from '../../components/QueryState';
import { describedBy } from '../../components/FieldError';
import { errorMessage } from '../../lib/api';
import { check, describeFieldError, useFormErrors, type FieldErrors } from '../../lib/form-errors';
import { formatGbpToPenny } from '../../lib/money-format';
import { formatCount, formatDecimalGbp, pluralise } from '../activities/activity-format';
import { newRowKey } from '../activities/activity-draft';
import { STARTER_FRAMEWORK, useTomsMeasures } from '../toms/toms.queries';
import { useTomsCalculation } from './calculators.queries';
import { MAX_PLEDGE_ROWS, parsePledgeCsv, PledgeCsvError, type PledgeRow } from './pledge-csv';
import { FrameworkCredit } from '../toms/FrameworkCredit';

const QUANTITY = /^\d{1,12}(\.\d{1,6})?$/;

interface TomsRow extends PledgeRow {
  key: string;
}

type CalculationBody = z.output<typeof TomsCalculation>;

const blankRow = (): TomsRow => ({ key: newRowKey(), code: '', quantity: '', stated: '' });
const optionValue = (framework: string | undefined, code: string) => `${framework ?? ''}|${code}`;

/**
 * The measure a typed code names: in its framework when one is given, else the starter
 * framework's, else any framework's (codes are matched without regard to case).
 */
function findMeasure(
  measures: MeasureView[],
  code: string,
  framework: string | undefined,
): MeasureView | undefined {
  const wanted = code.trim().toLowerCase();
  const same = measures.filter((m) => m.code.toLowerCase() === wanted);
  if (framework) return same.find((m) => m.framework === framework);
  return same.find((m) => m.framework === STARTER_FRAMEWORK) ?? same[0];
}

/** An imported row with its code spelt as the framework spells it, when it is a known one. */
function resolveRow(row: PledgeRow, measures: MeasureView[]): TomsRow {
  const measure = findMeasure(measures, row.code, row.framework);
  return {
    key: newRowKey(),
    ...row,
    ...(measure ? { code: measure.code, framework: measure.framework } : {}),
  };
}

/** The request for the rows as typed, or the messages that stop it, keyed `lines.N.field`. */
function buildRequest(rows: TomsRow[]): { body: CalculationBody | undefined; errors: FieldErrors } {
  const notes: FieldErrors = {};
  if (rows.length === 0) notes.lines = 'Add at least one line';
  const lines = rows.map((row, index) => {
    const path = `lines.${index}`;
    if (!row.code.trim()) notes[`${path}.code`] = 'Choose a measure';
    const quantity = row.quantity.replace(/[,\s]/g, '');
    if (!quantity) notes[`${path}.quantity`] = 'Enter a quantity';
    else if (!QUANTITY.test(quantity)) {
      notes[`${path}.quantity`] = 'Enter a quantity such as 12 or 12.5';
    }
    let statedValue: number | undefined;
    if (row.stated.trim()) {
      const pence = poundsToPence(row.stated);
      if (pence === null) {
        notes[`${path}.statedValue`] = 'Enter an amount in pounds, such as 1250 or 1,250.50';
      } else {
        // Pounds with at most two decimals: the server turns them back into exact pence.
        statedValue = pence / 100;
      }
    }
    return {
      code: row.code.trim(),
      ...(row.framework ? { framework: row.framework } : {}),
      quantity,
      ...(statedValue === undefined ? {} : { statedValue }),
    };
  });
  const parsed = check(TomsCalculation, { lines });
  return { body: parsed.data, errors: { ...parsed.errors, ...notes } };
}

function LineCheck({ line }: { line: TomsCalculationLine }) {
  if (line.error) {
    // The server's message names the framework by its id; people need only the code.
    return (
      <span className="toms-line__error">
        Unknown measure: no framework here has the code {line.code}.
      </span>
    );
  }
  if (line.mismatch) {
    return (
      <span className="toms-line__mismatch">
        <span className="badge badge--warning">Mismatch</span> The stated value differs from the
        computed value by more than 0.5%.
      </span>
    );
  }
  if (line.statedPence === null) return <span className="muted">No value stated</span>;
  return <span className="badge badge--ok">Matches</span>;
}

interface RowProps {
  row: TomsRow;
  index: number;
  measures: MeasureView[] | undefined;
  measuresPending: boolean;
  errors: FieldErrors;
  result: TomsCalculationLine | undefined;
  onChange: (changes: Partial<TomsRow>) => void;
  onRemove: () => void;
}

function TomsLineRow({
  row,
  index,
  measures,
  measuresPending,
  errors,
  result,
  onChange,
  onRemove,
}: RowProps) {
  const id = useId();
  const n = index + 1;
  const path = `lines.${index}`;
  const codeError = errors[`${path}.code`];
  const quantityError = errors[`${path}.quantity`];
  const statedError = errors[`${path}.statedValue`];
  const known = measures ? findMeasure(measures, row.code, row.framework) : undefined;
  const value = row.code ? optionValue(row.framework, row.code) : '';

  function handleMeasure(event: ChangeEvent<HTMLSelectElement>) {
    const [framework = '', code = ''] = event.target.value.split('|');
    onChange({ code, framework: framework || undefined });
  }

  return (
    <tr
      className="toms-line"
      data-testid="toms-line"
      data-mismatch={result?.mismatch ? 'true' : undefined}
      data-error={result?.error ? 'true' : undefined}
    >
      <td>
        <select
          className="field__input toms-line__measure"
          aria-label={`Measure, line ${n}`}
          value={value}
          onChange={handleMeasure}
          disabled={measuresPending}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={describedBy(codeError && `${id}-code`)}
        >
          <option value="">{measuresPending ? 'Loading measures…' : 'Choose a measure'}</option>
          {(measures ?? []).map((m) => (
            <option key={optionValue(m.framework, m.code)} value={optionValue(m.framework, m.code)}>
              {m.code}: {m.measure}
            </option>
          ))}
          {/* An imported code no framework has: kept, so that the server can say so. */}
          {row.code && !known ? (
            <option value={value}>{row.code} (not a known measure)</option>
          ) : null}
        </select>
        {codeError ? (
          <p id={`${id}-code`} className="field__error">
            {describeFieldError('Measure', codeError)}
          </p>
        ) : null}
      </td>
      <td>
        <input
          className="field__input toms-line__number"
          aria-label={`Quantity, line ${n}`}
          inputMode="decimal"
          autoComplete="off"
          value={row.quantity}
          onChange={(event) => onChange({ quantity: event.target.value })}
          aria-invalid={quantityError ? true : undefined}
          aria-describedby={describedBy(known && `${id}-unit`, quantityError && `${id}-quantity`)}
        />
        {known ? (
          <p id={`${id}-unit`} className="field__hint">
            {known.unit}
          </p>
        ) : null}
        {quantityError ? (
          <p id={`${id}-quantity`} className="field__error">
            {describeFieldError('Quantity', quantityError)}
          </p>
        ) : null}
      </td>
      <td>
        <input
          className="field__input toms-line__number"
          aria-label={`Stated value in £, line ${n}`}
          inputMode="decimal"
          autoComplete="off"
          value={row.stated}
          onChange={(event) => onChange({ stated: event.target.value })}
          aria-invalid={statedError ? true : undefined}
          aria-describedby={describedBy(statedError && `${id}-stated`)}
        />
        {statedError ? (
          <p id={`${id}-stated`} className="field__error">
            {describeFieldError('Stated value', statedError)}
          </p>
        ) : null}
      </td>
      <td className="table__number">
        {result?.proxyValueGbp
          ? `${formatDecimalGbp(result.proxyValueGbp)} per ${result.unit ?? 'unit'}`
          : '—'}
      </td>
      <td className="table__number">
        {result && result.computedPence !== null ? formatGbpToPenny(result.computedPence) : '—'}
      </td>
      <td>
        {result ? <LineCheck line={result} /> : <span className="muted">Not calculated</span>}
      </td>
      <td>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={onRemove}
          aria-label={`Remove line ${n}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function Totals({ answer }: { answer: TomsCalculationAnswer }) {
  const mismatches = answer.lines.filter((line) => line.mismatch).length;
  const unknown = answer.lines.filter((line) => line.error).length;
  return (
    <div className="toms-totals" role="status" data-testid="toms-totals">
      <dl className="details">
        <dt>Computed value of all lines</dt>
        <dd>
          <strong data-pence={answer.totalComputedPence}>
            {formatGbpToPenny(answer.totalComputedPence)}
          </strong>
        </dd>
        <dt>Stated value of all lines</dt>
        <dd data-pence={answer.totalStatedPence}>{formatGbpToPenny(answer.totalStatedPence)}</dd>
      </dl>
      {mismatches > 0 ? (
        <p className="notice notice--warning">
          {mismatches === 1
            ? 'One line states a value'
            : `${formatCount(mismatches)} lines state values`}{' '}
          more than 0.5% away from the proxy value.
        </p>
      ) : null}
      {unknown > 0 ? (
        <p className="notice notice--warning">
          {unknown === 1
            ? 'One line names a measure no framework has; it counts for nothing.'
            : `${formatCount(unknown)} lines name measures no framework has; they count for nothing.`}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The TOMs calculator: pledged lines (typed, pasted or uploaded as CSV) valued at the
 * National TOMs proxies by the server, with each stated value checked against the proxy.
 */
export function TomsCalculator() {
  const measures = useTomsMeasures();
  const calculation = useTomsCalculation();
  const [rows, setRows] = useState<TomsRow[]>(() => [blankRow()]);
  const [pasted, setPasted] = useState('');
  const [imported, setImported] = useState<{ message: string; failed: boolean } | undefined>();
  const headingId = useId();
  const csvId = useId();

  const request = useMemo(() => buildRequest(rows), [rows]);
  const { formRef, errors, submit } = useFormErrors(rows, request.errors);
  // Results stand for the lines they were calculated from; once a line changes they go.
  const fresh =
    calculation.data !== undefined &&
    JSON.stringify(calculation.variables) === JSON.stringify(request.body);
  const answer = fresh ? calculation.data : undefined;

  function changeRow(key: string, changes: Partial<TomsRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  }

  function calculate(body: CalculationBody | undefined) {
    calculation.reset();
    if (body) calculation.mutate(body);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submit()) return;
    calculate(request.body);
  }

  async function importTable(text: string) {
    try {
      const parsed = await parsePledgeCsv(text);
      const next = parsed.map((row) => resolveRow(row, measures.data ?? []));
      setRows(next);
      setImported({ message: `Imported ${pluralise(next.length, 'line')}.`, failed: false });
      // The imported lines are calculated at once; any that need fixing say so instead.
      submit();
      calculate(buildRequest(next).body);
    } catch (error) {
      const message =
        error instanceof PledgeCsvError
          ? error.message
          : `The table could not be read: ${errorMessage(error)}`;
      setImported({ message, failed: true });
    }
  }

  function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file chosen again must import again.
    event.target.value = '';
    if (file) void file.text().then(importTable);
  }

  return (
    <section
      className="section calculator"
      aria-labelledby={headingId}
      data-testid="calculator-toms"
    >
      <h3 id={headingId}>TOMs calculator</h3>
      <p>
        Values a pledge of National TOMs measures at their proxy values, and checks each value a
        bidder stated against it (a difference of more than 0.5% is a mismatch).
      </p>
      {measures.isError ? (
        <QueryError title="The TOMs measures could not be loaded" query={measures} />
      ) : null}
      <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
        {errors.lines ? (
          <p className="field__error" role="alert">
            {describeFieldError('The pledge', errors.lines)}
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="table toms-table">
            <caption className="visually-hidden">Pledged TOMs lines</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Quantity</th>
                <th scope="col">Stated value, £</th>
                <th scope="col" className="table__number">
                  Proxy value
                </th>
                <th scope="col" className="table__number">
                  Computed value
                </th>
                <th scope="col">Check</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <TomsLineRow
                  key={row.key}
                  row={row}
                  index={index}
                  measures={measures.data}
                  measuresPending={measures.isPending}
                  errors={errors}
                  result={answer?.lines[index]}
                  onChange={(changes) => changeRow(row.key, changes)}
                  onRemove={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                />
              ))}
            </tbody>
          </table>
        </div>
        <FrameworkCredit />
        {rows.length === 0 ? (
          <p className="muted">No lines yet: add one, or import a table.</p>
        ) : null}
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setRows((current) => [...current, blankRow()])}
            disabled={rows.length >= MAX_PLEDGE_ROWS}
          >
            Add a line
          </button>
          <button type="submit" className="button" disabled={calculation.isPending}>
            {calculation.isPending ? 'Calculating…' : 'Calculate'}
          </button>
        </div>
        {calculation.isError ? (
          <ErrorMessage title="The lines could not be valued" error={calculation.error} />
        ) : null}
        {answer ? <Totals answer={answer} /> : null}
        {calculation.data && !fresh && !calculation.isPending ? (
          <p className="form__note">
            The lines changed since the last calculation: calculate again.
          </p>
        ) : null}
      </form>

      <div className="form--inline toms-import">
        <h4>Import a pledge table</h4>
        <p className="field__hint" id={`${csvId}-hint`}>
          CSV with the columns code, quantity and stated value (in £), with or without a header row;
          for example <code>NT29,120,3500</code>. Importing replaces the lines above.
        </p>
        <label className="field__label" htmlFor={`${csvId}-paste`}>
          Paste a CSV pledge table
        </label>
        <textarea
          id={`${csvId}-paste`}
          className="field__input field__input--textarea"
          rows={5}
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          aria-describedby={`${csvId}-hint`}
          spellCheck={false}
        />
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void importTable(pasted)}
            disabled={!pasted.trim()}
          >
            Import the pasted table
          </button>
        </div>
        <label className="field__label" htmlFor={`${csvId}-file`}>
          Or upload a CSV file
        </label>
        <input
          id={`${csvId}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={handleFile}
          aria-describedby={`${csvId}-hint`}
        />
        {imported ? (
          <p
            className={imported.failed ? 'field__error' : 'form__note'}
            role={imported.failed ? 'alert' : 'status'}
          >
            {imported.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
