import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { DeliveryReportView, ReportStatus } from '@shared/schemas/delivery';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/date-time';
import { pluralise } from '../activities/activity-format';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import {
  describeReportStatus,
  EVIDENCE_ACCEPT,
  evidenceFileProblem,
  formatAmount,
  formatBytes,
} from './delivery-format';
import { evidenceFilePath, useAddEvidence } from './delivery.queries';
import { ReportAnswer } from './ReportAnswer';

const STATUS_TONES: Partial<Record<ReportStatus, string>> = {
  confirmed: 'badge badge--ok',
  part_confirmed: 'badge badge--ok',
  disputed: 'badge badge--warning',
  unverified: 'badge badge--warning',
};

/** The id of a report's card, for links from a correction to what it replaced and back. */
export const reportAnchor = (reportId: string) => `report-${reportId}`;

/** Adds evidence files to a report already sent (its supplier). */
function AddEvidence({
  report,
  onAdded,
}: {
  report: DeliveryReportView;
  onAdded: (m: string) => void;
}) {
  const add = useAddEvidence();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const files = [...(inputRef.current?.files ?? [])];
    if (files.length === 0) {
      setError('Choose a file to add');
      return;
    }
    const problem = evidenceFileProblem(files);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    add.mutate(
      { reportId: report.id, files },
      {
        onSuccess: ({ uploaded, failed }) => {
          if (inputRef.current) inputRef.current.value = '';
          const refused = failed.map((f) => `${f.fileName}: ${f.message}`).join(' ');
          if (failed.length > 0) setError(`Not added: ${refused}`);
          onAdded(`${pluralise(uploaded, 'file')} added to your report.`);
        },
      },
    );
  }

  return (
    <form className="report-card__add-evidence" onSubmit={handleSubmit} noValidate>
      <Field label="Add evidence files" optional error={error}>
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            type="file"
            multiple
            accept={EVIDENCE_ACCEPT}
            className="field__input"
          />
        )}
      </Field>
      <button
        type="submit"
        className="button button--secondary button--small"
        disabled={add.isPending}
      >
        {add.isPending ? 'Uploading…' : 'Upload'}
      </button>
      {add.isError ? <ErrorMessage title="The files were not added" error={add.error} /> : null}
    </form>
  );
}

interface DeliveryReportCardProps {
  report: DeliveryReportView;
  /** The viewer answers for the line's provider: Confirm, Part confirm, Dispute. */
  canAnswer: boolean;
  /** The viewer is the supplier: it may correct the report and add files to it. */
  canReport: boolean;
  /** Shows which SPO and tender the report is on (in a list of several SPOs' reports). */
  showSpo?: boolean;
  /** The title's heading level, under the list's own heading. */
  titleLevel: 'h4' | 'h5';
  onCorrect?: (report: DeliveryReportView) => void;
  /** A change made from the card, said in the page's status message. */
  onDone: (message: string) => void;
}

/**
 * One delivery report: what was reported, for which line and year, where it stands with the
 * provider, its evidence (files, links, note) and any comment; a report replaced by a
 * correction stays, marked so.
 */
export function DeliveryReportCard({
  report,
  canAnswer,
  canReport,
  showSpo = false,
  titleLevel: Title,
  onCorrect,
  onDone,
}: DeliveryReportCardProps) {
  const titleId = useId();
  const superseded = report.status === 'superseded';
  const answerable = canAnswer && (report.status === 'awaiting' || report.status === 'unverified');
  return (
    <li
      id={reportAnchor(report.id)}
      className={`report-card${superseded ? ' report-card--superseded' : ''}`}
      aria-labelledby={titleId}
      data-testid="delivery-report"
      data-status={report.status}
      data-report-id={report.id}
    >
      <Title id={titleId} className="report-card__title" tabIndex={-1}>
        {formatAmount(report.amount, report)} for year {report.period} of {report.activity.title}
      </Title>
      <p className="report-card__status">
        <span
          className={STATUS_TONES[report.status] ?? 'badge'}
          data-testid="delivery-report-status"
        >
          {describeReportStatus(report)}
        </span>
        {superseded && report.supersededById ? (
          <>
            {' '}
            <a href={`#${reportAnchor(report.supersededById)}`}>See the correction</a>
          </>
        ) : null}
      </p>
      <dl className="details report-card__details">
        {showSpo ? (
          <>
            <dt>Contract</dt>
            <dd>
              <Link to={`/spos/${encodeURIComponent(report.spoId)}`}>
                {report.supplier.name}’s SPO for {report.tender.title}
              </Link>
            </dd>
          </>
        ) : null}
        <dt>Line</dt>
        <dd>
          {LINE_KIND_LABELS[report.kind]} to {report.activity.title} ({report.activity.providerName}
          )
        </dd>
        <dt>Reported</dt>
        <dd>
          by {report.reportedBy},{' '}
          <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
        </dd>
        {report.supersedesId ? (
          <>
            <dt>Corrects</dt>
            <dd>
              {showSpo ? (
                'an earlier report'
              ) : (
                <a href={`#${reportAnchor(report.supersedesId)}`}>an earlier report</a>
              )}
            </dd>
          </>
        ) : null}
        {report.status === 'awaiting' ? (
          <>
            <dt>Answer by</dt>
            <dd>
              <time dateTime={report.respondBy}>{formatDateTime(report.respondBy)}</time>
            </dd>
          </>
        ) : null}
        {report.evidenceNote ? (
          <>
            <dt>Evidence note</dt>
            <dd className="report-card__note">{report.evidenceNote}</dd>
          </>
        ) : null}
        {report.evidenceLinks.length > 0 ? (
          <>
            <dt>Evidence links</dt>
            <dd>
              <ul className="report-card__links">
                {report.evidenceLinks.map((link) => (
                  <li key={link}>
                    <a href={link} rel="noopener noreferrer nofollow" target="_blank">
                      {link}
                      <span className="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {report.evidenceFiles.length > 0 ? (
          <>
            <dt>Evidence files</dt>
            <dd>
              <ul className="report-card__files">
                {report.evidenceFiles.map((file) => (
                  <li key={file.id} data-testid="evidence-file">
                    <a href={evidenceFilePath(report.id, file.id)} download={file.fileName}>
                      {file.fileName}
                    </a>{' '}
                    <span className="muted">
                      ({formatBytes(file.sizeBytes)}, uploaded by {file.uploadedBy})
                    </span>
                    {file.reusedElsewhere ? (
                      <p className="report-card__reused" data-testid="evidence-reused">
                        This file is also evidence on another SPO.
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {report.respondedAt ? (
          <>
            <dt>Provider’s answer</dt>
            <dd>
              <time dateTime={report.respondedAt}>{formatDateTime(report.respondedAt)}</time>
              {report.responseComment ? (
                <span className="report-card__comment" data-testid="delivery-report-comment">
                  {' '}
                  “{report.responseComment}”
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {answerable ? <ReportAnswer report={report} onAnswered={onDone} /> : null}
      {canReport && !superseded ? (
        <div className="report-card__actions">
          {onCorrect ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onCorrect(report)}
              data-testid="report-correct"
            >
              Correct this report
              <span className="visually-hidden">
                {' '}
                of {formatAmount(report.amount, report)} for year {report.period} of{' '}
                {report.activity.title}
              </span>
            </button>
          ) : null}
          <AddEvidence report={report} onAdded={onDone} />
        </div>
      ) : null}
    </li>
  );
}
