import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { formatGbp } from '@shared/money';
import type { SuggestionView } from '@shared/schemas/matching';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describedBy, FieldError } from '../../components/FieldError';
import { FormProblems } from '../../components/FormProblems';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useFormErrors, type FieldErrors } from '../../lib/form-errors';
import { pluralise } from '../activities/activity-format';
import type { Membership } from '../auth/memberships';
import { AtlasMap } from '../map/AtlasMap';
import { TerritoryOutlinesLayer } from '../territories/TerritoryOutlinesLayer';
import { useAskSuggestion, type SuggestionBand } from './matching.queries';
import { formatScore } from './ScoreFactors';
import {
  checkAmount,
  draftFromSuggestion,
  draftTotalPence,
  type DraftLine,
} from './suggestion-draft';
import { SuggestionMarkersLayer, type SuggestionMarker } from './SuggestionMarkersLayer';
import { useSendLines } from './useSendLines';
import './matching.css';

const BAND_LABELS: Record<SuggestionBand, string> = {
  baseline: 'The baseline',
  mid: 'The middle band',
  higher: 'Higher ambition',
};

/** A band's social value a year for this contract: its annual value × the band's £ per £1m. */
function bandAnnualPence(tender: TenderView, band: SuggestionBand): number {
  const perMillion = {
    baseline: tender.baselinePencePerMillion,
    mid: tender.midPencePerMillion,
    higher: tender.higherAmbitionPencePerMillion,
  }[band];
  return Math.round((tender.annualValuePence * perMillion) / 100_000_000);
}

/** The most a whole-pound line can ask within a room that need not be whole pounds. */
const wholePounds = (p: number) => Math.floor(p / 100) * 100;

const amountWhat = (line: DraftLine) => `the amount a year for ${line.activity.title}`;

interface SuggestionBuilderProps {
  tender: TenderView;
  supplier: Membership;
  /** The supplier's SPO for the tender, when it has one; sending starts one otherwise. */
  spo: SpoView | undefined;
}

/**
 * "Fill my baseline": asks for a set of lines across matched activities that reaches a band
 * of the tender's social value, shows them on a map and in a table with each line's reason,
 * lets the supplier change any amount (never past an activity's room) or drop a line, and
 * only when they say so sends the link-up requests, one line at a time.
 */
export function SuggestionBuilder({ tender, supplier, spo }: SuggestionBuilderProps) {
  const [band, setBand] = useState<SuggestionBand>('baseline');
  const [suggestion, setSuggestion] = useState<SuggestionView | undefined>(undefined);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const ask = useAskSuggestion(tender.id);
  const sender = useSendLines(tender.id);
  const tableHeadingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  const checked = lines.map((line) => checkAmount(line.amount, line.limitPence, amountWhat(line)));
  const clientErrors: FieldErrors = {};
  lines.forEach((line, index) => {
    const error = checked[index]?.error;
    if (error) clientErrors[line.activity.id] = error;
  });
  const { formRef, errors, submit, reset } = useFormErrors(lines, clientErrors);
  const totalPence = draftTotalPence(lines);
  const targetPence = suggestion?.targetPence ?? 0;
  const shortPence = Math.max(0, targetPence - totalPence);

  const markers = useMemo<SuggestionMarker[]>(
    () =>
      lines.map((line) => ({
        id: line.activity.id,
        at: line.activity.at,
        annualPence: checkAmount(line.amount, line.limitPence).pence ?? 0,
      })),
    [lines],
  );

  function handleAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    sender.reset();
    reset();
    ask.mutate(band, {
      onSuccess: (view) => {
        setSuggestion(view);
        setLines(draftFromSuggestion(view));
      },
    });
  }

  function handleAmount(activityId: string, amount: string) {
    setLines((current) =>
      current.map((line) => (line.activity.id === activityId ? { ...line, amount } : line)),
    );
  }

  function handleRemove(line: DraftLine) {
    setLines((current) => current.filter((l) => l.activity.id !== line.activity.id));
    // The button pressed has gone: the reader carries on from the table's heading.
    tableHeadingRef.current?.focus();
  }

  function handleSend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submit() || lines.length === 0) return;
    const toSend = lines.map((line, index) => ({
      activityId: line.activity.id,
      title: line.activity.title,
      annualPence: checked[index]?.pence ?? 0,
    }));
    void sender.send(supplier.id, spo?.id, toSend).then((results) => {
      if (!results) return;
      // What was sent is in the SPO now: only the lines that failed stay here, to try again.
      const failedIds = new Set(results.filter((r) => !r.ok).map((r) => r.activityId));
      setLines((current) => current.filter((line) => failedIds.has(line.activity.id)));
    });
  }

  const progress = sender.progress;
  const failed = progress?.results.filter((r) => !r.ok) ?? [];
  const sent = progress?.results.filter((r) => r.ok) ?? [];
  const spoLink = progress?.spoId ? `/spos/${encodeURIComponent(progress.spoId)}` : undefined;

  if (progress?.finished && !progress.startError && failed.length === 0 && spoLink) {
    return (
      <ConfirmationPanel
        title="Link-up requests sent"
        data-testid="suggestion-sent"
        next={
          <>
            <p>
              Each activity’s provider is asked to accept its line. Once every line is accepted you
              can check and submit your Social Purchase Order.
            </p>
            <p>
              <Link className="button" to={spoLink}>
                Open your Social Purchase Order
              </Link>
            </p>
          </>
        }
      >
        <p>
          {pluralise(sent.length, 'line')} added to your Social Purchase Order, together{' '}
          {formatGbp(sent.reduce((sum, r) => sum + r.annualPence, 0))} a year.
        </p>
      </ConfirmationPanel>
    );
  }

  return (
    <div className="suggestion" data-testid="suggestion">
      <form className="form form--inline suggestion__ask" onSubmit={handleAsk} noValidate>
        <fieldset className="fieldset" aria-describedby={`${id}-band-hint`}>
          <legend className="field__label">How much social value to aim for</legend>
          <p id={`${id}-band-hint`} className="field__hint">
            A year, for this contract of {formatGbp(tender.annualValuePence)} a year.
          </p>
          {(['baseline', 'mid', 'higher'] as const).map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="band"
                value={option}
                checked={band === option}
                onChange={() => setBand(option)}
              />
              {BAND_LABELS[option]}: {formatGbp(bandAnnualPence(tender, option))}
            </label>
          ))}
        </fieldset>
        <div className="form__actions">
          <button
            type="submit"
            className="button"
            disabled={ask.isPending || sender.sending}
            data-testid="ask-suggestion"
          >
            {ask.isPending ? 'Filling…' : band === 'baseline' ? 'Fill my baseline' : 'Fill my band'}
          </button>
        </div>
      </form>
      {ask.isPending ? <LoadingMessage>Choosing lines across the matches…</LoadingMessage> : null}
      {ask.isError ? <ErrorMessage title="No suggestion could be made" error={ask.error} /> : null}

      {suggestion && !ask.isPending ? (
        <form
          ref={formRef}
          className="suggestion__lines"
          onSubmit={handleSend}
          noValidate
          aria-labelledby={`${id}-lines`}
        >
          <h3 id={`${id}-lines`} ref={tableHeadingRef} tabIndex={-1}>
            Suggested lines
          </h3>
          <p>
            {suggestion.reached
              ? `These lines reach the ${formatGbp(suggestion.targetPence)} a year asked for`
              : `The matches with room left reach ${formatGbp(suggestion.totalPence)} of the ${formatGbp(suggestion.targetPence)} a year asked for`}
            , across {pluralise(suggestion.areas, 'area')}. Change any amount or remove a line, then
            send the link-up requests.
          </p>
          <FormProblems
            errors={errors}
            labelOf={(path) =>
              `Amount for ${lines.find((l) => l.activity.id === path)?.activity.title ?? 'a line'}`
            }
            data-testid="suggestion-problems"
          />
          {lines.length === 0 ? (
            <p className="muted">No lines left. Ask again for a new suggestion.</p>
          ) : (
            <div className="suggestion__body">
              <div className="suggestion__map">
                <AtlasMap
                  className="atlas-map--small"
                  label="Map of the suggested lines, each labelled with its amount a year. The table beside the map has the same lines."
                  scrollWheelZoom={false}
                  skipTo={`${id}-table`}
                >
                  <TerritoryOutlinesLayer highlightCode={tender.territories[0]?.code} />
                  <SuggestionMarkersLayer markers={markers} />
                </AtlasMap>
              </div>
              <div className="table-scroll" id={`${id}-table`}>
                <table className="table suggestion__table" data-testid="suggestion-table">
                  <caption className="visually-hidden">
                    The suggested lines: each activity, why it is suggested, the most it can take
                    and the amount a year
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Activity</th>
                      <th scope="col">Why</th>
                      <th scope="col" className="table__number">
                        Most it can take
                      </th>
                      <th scope="col">Amount a year, £</th>
                      <th scope="col">
                        <span className="visually-hidden">Remove</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((line, index) => {
                      const inputId = `${id}-amount-${index}`;
                      const errorId = `${inputId}-error`;
                      const error = errors[line.activity.id];
                      const label = `Amount a year for ${line.activity.title}, in pounds`;
                      return (
                        <tr key={line.activity.id} data-activity-id={line.activity.id}>
                          <th scope="row">
                            <Link to={`/activities/${encodeURIComponent(line.activity.id)}`}>
                              {line.activity.title}
                            </Link>
                            <span className="suggestion__where">
                              {line.activity.provider.name};{' '}
                              {line.activity.lad?.name ?? line.activity.territory.name}
                            </span>
                          </th>
                          <td>
                            {line.reason}
                            <span className="suggestion__where">
                              Score {formatScore(line.score)}
                            </span>
                          </td>
                          <td className="table__number">
                            {formatGbp(wholePounds(line.limitPence))}
                          </td>
                          <td>
                            <div className="field">
                              <label htmlFor={inputId} className="visually-hidden">
                                {label}
                              </label>
                              <FieldError id={errorId} label={label} message={error} />
                              <input
                                id={inputId}
                                className="field__input suggestion__amount"
                                inputMode="numeric"
                                autoComplete="off"
                                value={line.amount}
                                onChange={(event) =>
                                  handleAmount(line.activity.id, event.target.value)
                                }
                                aria-invalid={error ? true : undefined}
                                aria-describedby={describedBy(error && errorId)}
                                disabled={sender.sending}
                              />
                            </div>
                          </td>
                          <td>
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              onClick={() => handleRemove(line)}
                              disabled={sender.sending}
                            >
                              Remove<span className="visually-hidden"> {line.activity.title}</span>
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          <p
            className={
              shortPence > 0 ? 'suggestion__total' : 'suggestion__total suggestion__total--reached'
            }
            aria-live="polite"
            data-testid="suggestion-total"
          >
            Total {formatGbp(totalPence)} a year of the {formatGbp(targetPence)} target:{' '}
            {shortPence > 0 ? `${formatGbp(shortPence)} short` : 'reaches it'}.
          </p>
          <div className="form__actions">
            <button
              type="submit"
              className="button"
              disabled={sender.sending || lines.length === 0}
              data-testid="send-link-ups"
            >
              {sender.sending ? 'Sending…' : 'Send link-up requests'}
            </button>
          </div>
          <p className="form__note">
            Each line is a request to the activity’s provider, who must accept it before you can
            submit. Nothing is sent until you press the button.
          </p>
          {progress && !progress.finished ? (
            <p role="status" className="loading-message" data-testid="send-progress">
              Sending {Math.min(progress.results.length + 1, progress.total)} of {progress.total}…
            </p>
          ) : null}
          {progress?.finished && progress.startError ? (
            <div className="error-message" role="alert">
              <p className="error-message__title">No line was sent</p>
              <p>Your Social Purchase Order could not be started: {progress.startError}</p>
            </div>
          ) : null}
          {progress?.finished && failed.length > 0 ? (
            <div className="error-message" role="alert" data-testid="send-failures">
              <p className="error-message__title">
                {sent.length > 0
                  ? `${pluralise(sent.length, 'line')} sent; ${pluralise(failed.length, 'line')} not sent`
                  : 'No line was sent'}
              </p>
              <ul>
                {failed.map((line) => (
                  <li key={line.activityId}>
                    {line.title} ({formatGbp(line.annualPence)}): {line.error}
                  </li>
                ))}
              </ul>
              {spoLink && sent.length > 0 ? (
                <p>
                  <Link to={spoLink}>
                    See the lines that were sent in your Social Purchase Order
                  </Link>
                </p>
              ) : null}
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
