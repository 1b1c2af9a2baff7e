import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeliveryReportView, SpoDelivery } from '@shared/schemas/delivery';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { FormProblems } from '../../components/FormProblems';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { serverFieldErrors, useFormErrors } from '../../lib/form-errors';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { penceToPounds } from '../../lib/money-format';
import { pluralise } from '../activities/activity-format';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import {
  amountHint,
  amountLabel,
  byField,
  checkReportDraft,
  describeReport,
  EVIDENCE_ACCEPT,
  evidenceFileProblem,
  formatDecimal,
  type ReportDraft,
} from './delivery-format';
import { useSendReport } from './delivery.queries';

const LABELS: Record<string, string> = {
  lineId: 'Line',
  period: 'Contract year',
  amount: 'Amount',
  evidenceNote: 'Evidence note',
  evidenceLinks: 'Evidence links',
  supersedes: 'The report corrected',
  evidenceFiles: 'Evidence files',
};

/** The draft a correction starts from: the report's own line, year, amount and evidence. */
function draftFrom(report: DeliveryReportView | undefined): ReportDraft {
  if (!report) return { lineId: '', period: '', amount: '', evidenceNote: '', evidenceLinks: '' };
  return {
    lineId: report.lineId,
    period: String(report.period),
    amount:
      report.unit === 'pence' && /^\d+$/.test(report.amount)
        ? penceToPounds(Number(report.amount))
        : formatDecimal(report.amount).replace(/,/g, ''),
    evidenceNote: report.evidenceNote,
    evidenceLinks: report.evidenceLinks.join('\n'),
    supersedes: report.id,
  };
}

interface ReportFormProps {
  delivery: SpoDelivery;
  /** The report being corrected, if any: its line and year stay; the new one replaces it. */
  correcting?: DeliveryReportView | undefined;
  onCancelCorrection: () => void;
  /** Said once the report is sent, for the section's status message. */
  onSent: (message: string) => void;
}

/**
 * The supplier's report of what was delivered on one line in one contract year (a year that
 * has started), with an evidence note, links and files; or a correction of an earlier
 * report, which replaces it while the history keeps both.
 */
export function ReportForm({ delivery, correcting, onCancelCorrection, onSent }: ReportFormProps) {
  const send = useSendReport(delivery.spoId);
  const idempotency = useIdempotencyKey();
  const [draft, setDraft] = useState<ReportDraft>(() => draftFrom(correcting));
  const [files, setFiles] = useState<File[]>([]);
  const filesRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const line = delivery.lines.find((l) => l.lineId === draft.lineId);
  const startedYears = line?.milestones.filter((m) => m.state !== 'upcoming') ?? [];
  const parsed = checkReportDraft(draft, line?.unit ?? 'pence');
  const fileProblem = evidenceFileProblem(files);
  const clientErrors = fileProblem
    ? { ...parsed.errors, evidenceFiles: fileProblem }
    : parsed.errors;
  const { formRef, errors, submit, showServerErrors, reset } = useFormErrors(
    { draft, files: files.map((file) => file.name) },
    clientErrors,
  );
  const shown = byField(errors);

  useEffect(() => {
    if (correcting) headingRef.current?.focus();
  }, [correcting]);

  function change(changes: Partial<ReportDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
  }

  function handleLine(lineId: string) {
    const chosen = delivery.lines.find((l) => l.lineId === lineId);
    const years = chosen?.milestones.filter((m) => m.state !== 'upcoming') ?? [];
    // The latest started year is the one usually reported on.
    change({ lineId, period: years.length > 0 ? String(years.at(-1)!.period) : '' });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send.reset();
    if (!submit() || !parsed.data || fileProblem) return;
    const report = parsed.data;
    send.mutate(
      { report, files, idempotencyKey: idempotency.keyFor(report) },
      {
        onSuccess: ({ report: sent, uploaded, failed }) => {
          idempotency.forget();
          reset();
          setDraft(draftFrom(undefined));
          setFiles([]);
          if (filesRef.current) filesRef.current.value = '';
          const withFiles = uploaded > 0 ? ` with ${pluralise(uploaded, 'evidence file')}` : '';
          const refused =
            failed.length > 0
              ? ` These files were not added: ${failed.map((f) => `${f.fileName} (${f.message})`).join('; ')}. Add them again from the report below.`
              : '';
          onSent(
            `${correcting ? 'Your correction' : 'Your report'} of ${describeReport(sent)} is sent${withFiles}: ${sent.activity.providerName} is asked to confirm it.${refused}`,
          );
        },
        onError: (error) => showServerErrors(error),
      },
    );
  }

  const otherFailure =
    send.isError && Object.keys(serverFieldErrors(send.error)).length === 0 ? (
      <ErrorMessage title="The report was not sent" error={send.error} focus />
    ) : null;

  return (
    <form
      ref={formRef}
      className="form delivery-report-form"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby="delivery-report-form-heading"
      data-testid="delivery-report-form"
    >
      <h4 id="delivery-report-form-heading" ref={headingRef} tabIndex={-1}>
        {correcting ? 'Correct this report' : 'Report a contribution'}
      </h4>
      {correcting ? (
        <p className="form__note">
          Your correction replaces the report of {describeReport(correcting)}. Both stay in the
          history; {correcting.activity.providerName} is asked to confirm the new one.
        </p>
      ) : (
        <p className="form__note">
          Report what was delivered on one line in one contract year. Only what the activity’s
          provider confirms counts as delivered.
        </p>
      )}
      <FormProblems errors={shown} labelOf={(path) => LABELS[path] ?? 'The report'} />
      {correcting ? (
        <dl className="details">
          <dt>Line</dt>
          <dd>
            {LINE_KIND_LABELS[correcting.kind]} to {correcting.activity.title}
          </dd>
          <dt>Contract year</dt>
          <dd>Year {correcting.period}</dd>
        </dl>
      ) : (
        <>
          <SelectField
            label="Line"
            name="lineId"
            value={draft.lineId}
            onChange={(event) => handleLine(event.target.value)}
            error={shown.lineId}
          >
            <option value="">Choose a line</option>
            {delivery.lines.map((l) => (
              <option key={l.lineId} value={l.lineId}>
                {LINE_KIND_LABELS[l.kind]} to {l.activity.title}
                {l.measure ? ` (${l.measure.code})` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Contract year"
            name="period"
            hint="Only years that have started can be reported on."
            value={draft.period}
            onChange={(event) => change({ period: event.target.value })}
            error={shown.period}
            disabled={!line}
          >
            <option value="">{line ? 'Choose a year' : 'Choose a line first'}</option>
            {startedYears.map((m) => (
              <option key={m.period} value={m.period}>
                Year {m.period}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <TextField
        label={line ? amountLabel(line.kind, line.unitLabel) : 'Amount'}
        hint={amountHint(line?.unit ?? 'pence')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        value={draft.amount}
        onChange={(event) => change({ amount: event.target.value })}
        error={shown.amount}
      />
      <TextAreaField
        label="Evidence note"
        hint="What was delivered and how it can be checked: a payment reference, dates, who received it."
        optional
        name="evidenceNote"
        rows={3}
        value={draft.evidenceNote}
        onChange={(event) => change({ evidenceNote: event.target.value })}
        error={shown.evidenceNote}
      />
      <TextAreaField
        label="Evidence links"
        hint="Web addresses of evidence (https://…), one a line, at most 10."
        optional
        name="evidenceLinks"
        rows={2}
        value={draft.evidenceLinks}
        onChange={(event) => change({ evidenceLinks: event.target.value })}
        error={shown.evidenceLinks}
      />
      <Field
        label="Evidence files"
        hint="Receipts, photos or documents (PDF, images, text, CSV, Word, Excel or ODF text; up to 5 MB each), uploaded once the report is sent."
        optional
        error={shown.evidenceFiles}
      >
        {(control) => (
          <input
            {...control}
            ref={filesRef}
            type="file"
            name="evidenceFiles"
            multiple
            accept={EVIDENCE_ACCEPT}
            className="field__input"
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
          />
        )}
      </Field>
      {otherFailure}
      <div className="form__actions">
        <button
          type="submit"
          className="button"
          disabled={send.isPending}
          data-testid="report-send"
        >
          {send.isPending
            ? files.length > 0
              ? 'Sending the report and its files…'
              : 'Sending…'
            : correcting
              ? 'Send the correction'
              : 'Send the report'}
        </button>
        {correcting ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={onCancelCorrection}
            disabled={send.isPending}
          >
            Cancel the correction
          </button>
        ) : null}
      </div>
    </form>
  );
}
