import { useState } from 'react';
import type { DeliveryReportView, ReportDecision } from '@shared/schemas/delivery';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { serverFieldErrors, type FieldErrors } from '../../lib/form-errors';
import {
  amountHint,
  checkAnswer,
  describeReport,
  formatAmount,
  receivedLabel,
} from './delivery-format';
import { useAnswerReport } from './delivery.queries';

const DONE: Record<ReportDecision, string> = {
  confirmed: 'You confirmed',
  part_confirmed: 'You part confirmed',
  disputed: 'You disputed',
};

interface ReportAnswerProps {
  report: DeliveryReportView;
  /** Said once the answer is recorded, for the page's status message. */
  onAnswered: (message: string) => void;
}

/**
 * The provider's answer to a report, asked twice since it is final: Confirm (all of it
 * arrived), Part confirm (with how much did) or Dispute (with what is wrong). Only confirmed
 * amounts count as delivered.
 */
export function ReportAnswer({ report, onAnswered }: ReportAnswerProps) {
  const answer = useAnswerReport();
  const [asking, setAsking] = useState<ReportDecision | undefined>(undefined);
  const [typed, setTyped] = useState({ amount: '', comment: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const what = describeReport(report);

  function toggle(decision: ReportDecision, open: boolean) {
    answer.reset();
    setErrors({});
    setTyped({ amount: '', comment: '' });
    setAsking(open ? decision : undefined);
  }

  function send(decision: ReportDecision) {
    answer.reset();
    const checked = checkAnswer(decision, typed, report.unit);
    setErrors(checked.errors);
    if (!checked.data) return;
    answer.mutate(
      { reportId: report.id, answer: checked.data },
      {
        onSuccess: (answered) => {
          setAsking(undefined);
          onAnswered(
            `${DONE[decision]} ${report.supplier.name}’s report of ${describeReport(answered)}.`,
          );
        },
        onError: (error) => setErrors(serverFieldErrors(error)),
      },
    );
  }

  const comment = (label: string, optional: boolean) => (
    <TextAreaField
      label={label}
      name="comment"
      optional={optional}
      rows={3}
      value={typed.comment}
      onChange={(event) => setTyped({ ...typed, comment: event.target.value })}
      error={errors.comment}
    />
  );
  const failure =
    answer.isError && Object.keys(serverFieldErrors(answer.error)).length === 0 ? (
      <ErrorMessage title="Your answer was not recorded" error={answer.error} focus />
    ) : null;
  const hidden = (decision: ReportDecision) => asking !== undefined && asking !== decision;

  return (
    <div className="report-answer" data-testid="report-answer">
      {hidden('confirmed') ? null : (
        <ConfirmAction
          label="Confirm"
          question={`Confirm that ${report.activity.title} received all of ${formatAmount(report.amount, report)} for year ${report.period}? Your answer is final.`}
          confirmLabel="Yes, confirm it"
          pendingLabel="Confirming…"
          pending={answer.isPending}
          onConfirm={() => send('confirmed')}
          onToggle={(open) => toggle('confirmed', open)}
          testId="report-confirm"
          confirmTestId="report-confirm-yes"
        >
          {comment('Comment', true)}
          {failure}
        </ConfirmAction>
      )}
      {hidden('part_confirmed') ? null : (
        <ConfirmAction
          label="Part confirm"
          question={`How much of ${formatAmount(report.amount, report)} did ${report.activity.title} receive for year ${report.period}? Only that amount counts as delivered.`}
          confirmLabel="Part confirm"
          pendingLabel="Sending…"
          pending={answer.isPending}
          onConfirm={() => send('part_confirmed')}
          onToggle={(open) => toggle('part_confirmed', open)}
          quiet
          testId="report-part-confirm"
          confirmTestId="report-part-confirm-yes"
        >
          <TextField
            label={receivedLabel(report.kind, report.unitLabel)}
            hint={amountHint(report.unit)}
            name="confirmedAmount"
            inputMode="decimal"
            value={typed.amount}
            onChange={(event) => setTyped({ ...typed, amount: event.target.value })}
            error={errors.confirmedAmount}
          />
          {comment('Comment', true)}
          {failure}
        </ConfirmAction>
      )}
      {hidden('disputed') ? null : (
        <ConfirmAction
          label="Dispute"
          question={`Dispute the report of ${what}? Say what is wrong: ${report.supplier.name} sees your comment.`}
          confirmLabel="Dispute it"
          pendingLabel="Sending…"
          pending={answer.isPending}
          onConfirm={() => send('disputed')}
          onToggle={(open) => toggle('disputed', open)}
          danger
          quiet
          testId="report-dispute"
          confirmTestId="report-dispute-yes"
        >
          {comment('What is disputed', false)}
          {failure}
        </ConfirmAction>
      )}
    </div>
  );
}
