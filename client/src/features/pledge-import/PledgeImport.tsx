import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  PLEDGE_TABLE_MAX_BYTES,
  PLEDGE_TABLE_MAX_ROWS,
  type PledgePreview,
  type PledgeRowView,
} from '@shared/schemas/pledge-import';
import type { SpoLineInput, SpoView, TenderView } from '@shared/schemas/tenders';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError, errorMessage } from '../../lib/api';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { formatGbpToPenny } from '../../lib/money-format';
import { useNow } from '../../lib/use-now';
import { useActivities } from '../activities/activities.queries';
import { formatCount, formatDecimalGbp, pluralise } from '../activities/activity-format';
import { useAddSpoLine } from '../spos/spos.queries';
import { hasClosed } from '../tenders/TenderBadges';
import { FrameworkCredit } from '../toms/FrameworkCredit';
import { usePledgePreview } from './pledge-import.queries';
import './pledge-import.css';

const EXAMPLE = 'TOMs ref,Measure,Quantity,Stated value\nNT29,Volunteering hours,400,"£6,436.00"';
const ACTIVITY_PAGE = 50;

type Outcome = { state: 'added' } | { state: 'failed'; message: string };

/** A quantity for people: thousands grouped, decimals as written. */
function formatQuantity(quantity: string): string {
  const [whole = '0', fraction] = quantity.split('.');
  return fraction ? `${formatCount(Number(whole))}.${fraction}` : formatCount(Number(whole));
}

/** A refusal after which no further line can be added either (the SPO closed, access gone). */
function stopsTheRest(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404, 409].includes(error.status);
}

const canAdd = (row: PledgeRowView) => row.problems.length === 0 && row.quantity !== null;

/** What a row's stated value says against quantity × proxy. */
function RowCheck({ row }: { row: PledgeRowView }) {
  if (row.problems.length > 0) {
    return (
      <ul className="pledge-import__problems">
        {row.problems.map((problem) => (
          <li key={problem.code} className="field__error">
            {problem.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.statedPence === null || row.differencePence === null || row.computedPence === null) {
    return <span className="muted">No value stated</span>;
  }
  const by = formatGbpToPenny(Math.abs(row.differencePence));
  if (row.mismatch) {
    return (
      <p className="pledge-import__mismatch" data-testid="pledge-mismatch">
        <span className="badge badge--warning">Mismatch</span> Stated value differs from quantity ×
        proxy by {by}: {formatGbpToPenny(row.statedPence)} stated,{' '}
        {formatGbpToPenny(row.computedPence)} computed.
      </p>
    );
  }
  if (row.differencePence === 0) return <span className="badge badge--ok">Matches</span>;
  return (
    <span>
      <span className="badge badge--ok">Close enough</span> {by}{' '}
      {row.differencePence > 0 ? 'more' : 'less'} than computed
    </span>
  );
}

interface ActivityOption {
  id: string;
  label: string;
}

interface PledgeImportProps {
  spo: SpoView;
  tender: TenderView;
}

/**
 * "Import pledges from a CSV" for the supplier of an SPO that can still change: a pledge
 * table (pasted or chosen as a file) is previewed by the server, row by row, with each
 * measure's proxy value, the computed value and any stated value that disagrees; the
 * supplier picks an activity for each row it keeps, and only "Add N lines" saves anything,
 * one line (one link-up request to its provider) at a time.
 */
export function PledgeImport({ spo, tender }: PledgeImportProps) {
  const now = useNow();
  const editable =
    !hasClosed(tender, now) && (spo.status === 'draft' || spo.status === 'submitted');
  const preview = usePledgePreview(spo.id);
  const addLine = useAddSpoLine(spo.id);
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | undefined>();
  const [choices, setChoices] = useState<Record<number, string>>({});
  const [everyRow, setEveryRow] = useState('');
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [summary, setSummary] = useState<string | undefined>();
  const [territory, setTerritory] = useState(tender.territories[0]?.code ?? '');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // Titles of activities chosen from an earlier search, so a row keeps showing its choice.
  const [remembered, setRemembered] = useState<Record<string, string>>({});
  // One Idempotency-Key per row and line sent: a retry after a lost answer is replayed.
  const keys = useRef(new Map<string, string>());
  const id = useId();

  const table: PledgePreview | undefined = preview.data;
  const activities = useActivities(
    table
      ? {
          filters: { ...(territory ? { territory } : {}), ...(q ? { q } : {}) },
          page: 1,
          pageSize: ACTIVITY_PAGE,
        }
      : undefined,
  );

  if (!editable) return null;

  const linked = new Map<string, string>();
  for (const line of spo.lines) {
    if (line.activity.status === 'active' || line.activity.status === 'at_risk') {
      linked.set(line.activity.id, `${line.activity.title} (${line.activity.providerName})`);
    }
  }
  const found: ActivityOption[] = (activities.data?.items ?? [])
    .filter((a) => !linked.has(a.id))
    .map((a) => ({ id: a.id, label: `${a.title} (${a.provider.name})` }));
  const labelOf = (activityId: string) =>
    linked.get(activityId) ??
    found.find((a) => a.id === activityId)?.label ??
    remembered[activityId] ??
    activityId;

  const rows = table?.rows ?? [];
  const open = rows.filter((row) => canAdd(row) && outcomes[row.row]?.state !== 'added');
  const ready = open.filter((row) => choices[row.row]);
  const adding = progress !== undefined;

  function remember(activityId: string) {
    if (!activityId) return;
    setRemembered((current) => ({ ...current, [activityId]: labelOf(activityId) }));
  }

  function choose(row: number, activityId: string) {
    remember(activityId);
    setChoices((current) => ({ ...current, [row]: activityId }));
  }

  function handleEveryRow() {
    if (!everyRow) return;
    remember(everyRow);
    setChoices((current) => ({
      ...current,
      ...Object.fromEntries(open.map((row) => [row.row, everyRow])),
    }));
  }

  function runPreview(csv: string) {
    setInputError(undefined);
    setSummary(undefined);
    preview.reset();
    if (!csv.trim()) {
      setInputError('Paste a pledge table or choose a CSV file first.');
      return;
    }
    const bytes = new Blob([csv]).size;
    if (bytes > PLEDGE_TABLE_MAX_BYTES) {
      setInputError(
        `The table is ${Math.ceil(bytes / 1000)} kB; at most ${PLEDGE_TABLE_MAX_BYTES / 1000} kB can be imported at once. Split it into smaller tables.`,
      );
      return;
    }
    setChoices({});
    setOutcomes({});
    keys.current.clear();
    preview.mutate({ csv });
  }

  function handlePreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    runPreview(text);
  }

  function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file chosen again must be read again.
    event.target.value = '';
    if (!file) return;
    if (file.size > PLEDGE_TABLE_MAX_BYTES) {
      setInputError(
        `${file.name} is ${Math.ceil(file.size / 1000)} kB; at most ${PLEDGE_TABLE_MAX_BYTES / 1000} kB can be imported at once.`,
      );
      return;
    }
    file.text().then(
      (content) => {
        setText(content);
        runPreview(content);
      },
      (error: unknown) => setInputError(`${file.name} could not be read: ${errorMessage(error)}`),
    );
  }

  function keyFor(row: number, line: SpoLineInput): string {
    const body = `${row} ${JSON.stringify(line)}`;
    const key = keys.current.get(body) ?? newIdempotencyKey();
    keys.current.set(body, key);
    return key;
  }

  async function handleAdd() {
    const queue = ready;
    if (queue.length === 0) return;
    setSummary(undefined);
    setProgress({ done: 0, total: queue.length });
    let added = 0;
    let failed = 0;
    let stopped = false;
    for (const [index, row] of queue.entries()) {
      const line: SpoLineInput = {
        activityId: choices[row.row]!,
        kind: 'measure',
        measure: { framework: row.framework!, code: row.code },
        annualQuantity: row.quantity!,
      };
      try {
        await addLine.mutateAsync({ line, idempotencyKey: keyFor(row.row, line) });
        added += 1;
        setOutcomes((current) => ({ ...current, [row.row]: { state: 'added' } }));
      } catch (error) {
        failed += 1;
        setOutcomes((current) => ({
          ...current,
          [row.row]: { state: 'failed', message: errorMessage(error) },
        }));
        if (stopsTheRest(error)) {
          stopped = true;
          break;
        }
      }
      setProgress({ done: index + 1, total: queue.length });
    }
    setProgress(undefined);
    const parts = [
      `Added ${pluralise(added, 'line')}; each is a request its provider must accept.`,
    ];
    if (failed > 0) parts.push(`${pluralise(failed, 'line')} could not be added: see the table.`);
    if (stopped) parts.push('The rest were not tried.');
    setSummary(parts.join(' '));
  }

  const options = (
    <>
      <option value="">Choose an activity</option>
      {linked.size > 0 ? (
        <optgroup label="Already in this SPO">
          {[...linked].map(([activityId, label]) => (
            <option key={activityId} value={activityId}>
              {label}
            </option>
          ))}
        </optgroup>
      ) : null}
      {found.length > 0 ? (
        <optgroup label="Found">
          {found.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
  // A choice from an earlier search, kept selectable while the search shows others.
  const keptOption = (activityId: string | undefined) =>
    activityId && !linked.has(activityId) && !found.some((a) => a.id === activityId) ? (
      <option value={activityId}>{labelOf(activityId)}</option>
    ) : null;

  return (
    <section
      className="section pledge-import"
      aria-labelledby={`${id}-heading`}
      data-testid="pledge-import"
    >
      <h3 id={`${id}-heading`}>Import pledges from a CSV</h3>
      <p>
        Start this SPO’s TOMs lines from a pledge table: one row per measure, with its TOMs code, a
        year’s quantity and, if the table has one, the value it states in £. You see each row valued
        at its TOMs proxy before anything is saved.
      </p>
      <form className="form form--inline" onSubmit={handlePreview} noValidate>
        <label className="field__label" htmlFor={`${id}-csv`}>
          Paste a CSV pledge table
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          Columns named as councils name them (code or TOMs ref; quantity, qty or units; value,
          stated value or £), in any order; other columns are ignored. Without a header row the
          columns are code, quantity and value. At most {PLEDGE_TABLE_MAX_ROWS} rows and{' '}
          {PLEDGE_TABLE_MAX_BYTES / 1000} kB. For example:
          <code className="pledge-import__example">{EXAMPLE}</code>
        </p>
        <textarea
          id={`${id}-csv`}
          className="field__input field__input--textarea"
          rows={6}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${id}-hint`}
          spellCheck={false}
        />
        <label className="field__label" htmlFor={`${id}-file`}>
          Or choose a CSV file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={handleFile}
          disabled={adding}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={adding}>
            {preview.isPending ? 'Reading the table…' : 'Preview the table'}
          </button>
        </div>
        {inputError ? (
          <p className="field__error" role="alert">
            {inputError}
          </p>
        ) : null}
        {preview.isError ? (
          <ErrorMessage title="The table could not be previewed" error={preview.error} />
        ) : null}
      </form>

      {table ? (
        <div className="pledge-import__preview" data-testid="pledge-preview">
          <div role="status" className="pledge-import__totals">
            <p>
              {pluralise(table.totals.validRows, 'row')} can become lines
              {table.totals.problemRows > 0
                ? `; ${pluralise(table.totals.problemRows, 'row')} cannot, as the table says below`
                : ''}
              .
            </p>
            <dl className="details">
              <dt>Computed value (quantity × proxy) of those rows</dt>
              <dd data-pence={table.totals.computedPence}>
                {formatGbpToPenny(table.totals.computedPence)} a year
              </dd>
              <dt>Value stated for them</dt>
              <dd data-pence={table.totals.statedPence}>
                {formatGbpToPenny(table.totals.statedPence)}
              </dd>
            </dl>
            {table.totals.mismatchRows > 0 ? (
              <p className="notice notice--warning">
                {table.totals.mismatchRows === 1
                  ? 'One row states a value'
                  : `${formatCount(table.totals.mismatchRows)} rows state values`}{' '}
                more than £1 and more than 0.5% away from quantity × proxy. A line is valued by its
                quantity; the stated value is not saved.
              </p>
            ) : null}
            {table.skipped.length > 0 ? (
              <p className="muted">
                Passed over:{' '}
                {table.skipped
                  .map((s) => `row ${s.row} (${s.reason.replace(/\.$/, '')})`)
                  .join('; ')}
                .
              </p>
            ) : null}
          </div>

          {open.length > 0 ? (
            <fieldset className="fieldset pledge-import__activities">
              <legend className="field__label">Activities to link</legend>
              <p className="field__hint">
                Each line supports one activity, whose provider is asked to accept it. Find
                activities here, then choose one for each row or one for every row.
              </p>
              <div className="pledge-import__finder">
                <label className="field__label" htmlFor={`${id}-territory`}>
                  Where to look
                </label>
                <select
                  id={`${id}-territory`}
                  className="field__input"
                  value={territory}
                  onChange={(event) => setTerritory(event.target.value)}
                >
                  {tender.territories.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                  <option value="">Anywhere in the UK</option>
                </select>
                <label className="field__label" htmlFor={`${id}-search`}>
                  Words to look for
                </label>
                <input
                  id={`${id}-search`}
                  className="field__input"
                  type="search"
                  maxLength={200}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      setQ(search.trim());
                    }
                  }}
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setQ(search.trim())}
                >
                  Find activities
                </button>
              </div>
              <p className="muted" role="status">
                {activities.isPending
                  ? 'Loading activities…'
                  : activities.isError
                    ? `The activities could not be loaded: ${errorMessage(activities.error)}`
                    : `${pluralise(found.length, 'activity', 'activities')} found${
                        linked.size > 0 ? `, ${formatCount(linked.size)} already in this SPO` : ''
                      }.`}
              </p>
              <div className="pledge-import__every">
                <label className="field__label" htmlFor={`${id}-every`}>
                  Link every row to
                </label>
                <select
                  id={`${id}-every`}
                  className="field__input"
                  value={everyRow}
                  onChange={(event) => setEveryRow(event.target.value)}
                >
                  {options}
                  {keptOption(everyRow)}
                </select>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={handleEveryRow}
                  disabled={!everyRow || adding}
                >
                  Use for every row
                </button>
              </div>
            </fieldset>
          ) : null}

          <div className="table-scroll">
            <table className="table pledge-import__table">
              <caption className="visually-hidden">
                The pledge table’s rows, valued at their TOMs proxies
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Code</th>
                  <th scope="col">Measure</th>
                  <th scope="col" className="table__number">
                    Quantity
                  </th>
                  <th scope="col">Unit</th>
                  <th scope="col" className="table__number">
                    Proxy value
                  </th>
                  <th scope="col" className="table__number">
                    Computed value
                  </th>
                  <th scope="col" className="table__number">
                    Stated value
                  </th>
                  <th scope="col">Check</th>
                  <th scope="col">Activity to link</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const outcome = outcomes[row.row];
                  const choice = choices[row.row] ?? '';
                  return (
                    <tr
                      key={row.row}
                      data-testid="pledge-row"
                      data-row={row.row}
                      data-mismatch={row.mismatch ? 'true' : undefined}
                      data-problem={row.problems.length > 0 ? 'true' : undefined}
                      className={row.mismatch ? 'pledge-import__row--mismatch' : undefined}
                    >
                      <td>{row.row}</td>
                      <td>{row.code || <span className="muted">none</span>}</td>
                      <td className="pledge-import__measure">{row.measure ?? '—'}</td>
                      <td className="table__number">
                        {row.quantity ? formatQuantity(row.quantity) : '—'}
                      </td>
                      <td>{row.unit ?? '—'}</td>
                      <td className="table__number">
                        {row.proxyValueGbp ? formatDecimalGbp(row.proxyValueGbp) : '—'}
                      </td>
                      <td className="table__number" data-pence={row.computedPence ?? undefined}>
                        {row.computedPence === null ? '—' : formatGbpToPenny(row.computedPence)}
                      </td>
                      <td className="table__number">
                        {row.statedPence === null ? '—' : formatGbpToPenny(row.statedPence)}
                      </td>
                      <td className="pledge-import__check">
                        <RowCheck row={row} />
                      </td>
                      <td>
                        {!canAdd(row) ? (
                          <span className="muted">Cannot be added</span>
                        ) : outcome?.state === 'added' ? (
                          <span className="badge badge--ok" data-testid="pledge-added">
                            Added: {labelOf(choice)}
                          </span>
                        ) : (
                          <>
                            <select
                              className="field__input"
                              aria-label={`Activity for row ${row.row} (${row.code})`}
                              value={choice}
                              onChange={(event) => choose(row.row, event.target.value)}
                              disabled={adding}
                            >
                              {options}
                              {keptOption(choice)}
                            </select>
                            {outcome?.state === 'failed' ? (
                              <p className="field__error" data-testid="pledge-failed">
                                Not added: {outcome.message}
                              </p>
                            ) : null}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <FrameworkCredit />
          {spo.status === 'submitted' && ready.length > 0 ? (
            <p className="notice notice--warning">
              Your SPO is submitted: adding lines makes it a draft again, to be submitted again
              before the tender closes.
            </p>
          ) : null}
          <div className="form__actions">
            <button
              type="button"
              className="button"
              onClick={() => void handleAdd()}
              disabled={ready.length === 0 || adding}
              data-testid="pledge-add"
            >
              {progress
                ? `Adding line ${Math.min(progress.done + 1, progress.total)} of ${progress.total}…`
                : `Add ${pluralise(ready.length, 'line')}`}
            </button>
          </div>
          {open.length > ready.length && !adding ? (
            <p className="form__note">
              {pluralise(open.length - ready.length, 'row')} without an activity will not be added.
            </p>
          ) : null}
          <p className="visually-hidden" role="status" aria-live="polite">
            {progress
              ? `Adding line ${Math.min(progress.done + 1, progress.total)} of ${progress.total}`
              : ''}
          </p>
          {summary ? (
            <p className="form__note" role="status" data-testid="pledge-summary">
              {summary}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
