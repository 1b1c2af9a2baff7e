import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { SpoLineView, SpoView, TenderView } from '@shared/schemas/tenders';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useNow } from '../../lib/use-now';
import { useActivity } from '../activities/activities.queries';
import type { ActivityPickHandler } from '../activities/ActivityClustersLayer';
import { hasClosed } from '../tenders/TenderBadges';
import { useTomsMeasures } from '../toms/toms.queries';
import { liveFigures } from './spo-figures';
import { EMPTY_LINE_DRAFT, lineContribution, type LineDraft } from './spo-line-draft';
import { SpoActivityPicker } from './SpoActivityPicker';
import { SpoFiguresPanel } from './SpoFiguresPanel';
import { checkLineDraft, SpoLineForm } from './SpoLineForm';
import { SpoLinesTable } from './SpoLinesTable';
import { SpoReceipt } from './SpoReceipt';
import { SpoSubmitPanel } from './SpoSubmitPanel';
import { SpoHeader, SubmissionInfo, TenderKeyFigures } from './SpoSummary';
import { useRemoveSpoLine } from './spos.queries';

/** The activity that "Add to my SPO" sent along in the router's state, if any. */
function pickFromState(state: unknown): { id: string; title: string } | undefined {
  if (typeof state !== 'object' || state === null || !('pick' in state)) return undefined;
  const { pick } = state as { pick: unknown };
  if (typeof pick !== 'object' || pick === null) return undefined;
  const { id, title } = pick as { id?: unknown; title?: unknown };
  return typeof id === 'string' && typeof title === 'string' ? { id, title } : undefined;
}

interface SpoBuilderProps {
  spo: SpoView;
  tender: TenderView;
}

/**
 * The supplier's workbench for one SPO: the tender's figures, the lines with each
 * provider's answer, an activity picker (map and list) with the line form, the figures as
 * they would stand with the line being typed, and Submit or Withdraw.
 */
export function SpoBuilder({ spo, tender }: SpoBuilderProps) {
  const now = useNow();
  const closed = hasClosed(tender, now);
  const editable = !closed && (spo.status === 'draft' || spo.status === 'submitted');
  const { hash, state } = useLocation();
  // "Add to my SPO" on the matches page comes here with its activity chosen.
  const [picked, setPicked] = useState<{ id: string; title: string } | undefined>(() =>
    pickFromState(state),
  );
  const [lineDraft, setLineDraft] = useState<LineDraft>(EMPTY_LINE_DRAFT);
  const measures = useTomsMeasures();
  const pickedDetails = useActivity(picked?.id);
  const removeLine = useRemoveSpoLine(spo.id);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);
  const pickerRef = useRef<HTMLDivElement>(null);
  const focusForm = useRef(picked !== undefined);
  const linesRef = useRef<HTMLElement>(null);

  // The check step's "Change" links come back to their line (`#line-<id>`), focused.
  useEffect(() => {
    if (!hash.startsWith('#line-')) return;
    const row = linesRef.current?.querySelector(`[data-line-id="${CSS.escape(hash.slice(6))}"]`);
    row?.querySelector<HTMLElement>('a, button')?.focus();
  }, [hash]);

  // A chosen activity's form takes the focus, wherever it was chosen from (list or map).
  useEffect(() => {
    if (!picked || !focusForm.current) return;
    focusForm.current = false;
    formHeadingRef.current?.focus();
  }, [picked]);

  function handlePick(activity: Parameters<ActivityPickHandler>[0]) {
    focusForm.current = true;
    setPicked(activity);
  }

  function handleRemove(line: SpoLineView) {
    removeLine.reset();
    removeLine.mutate(line.id);
  }

  function handleDoneWithActivity() {
    setPicked(undefined);
    pickerRef.current?.querySelector<HTMLElement>('.spo-picker > h3')?.focus();
  }

  const draftLine = picked && editable ? checkLineDraft(lineDraft, picked.id).data : undefined;
  const linked = spo.lines.some((line) => line.activity.id === picked?.id);
  const figures = liveFigures(
    tender,
    spo.figures,
    draftLine
      ? {
          line: lineContribution(draftLine, measures.data),
          // Costs avoided are counted once an activity is linked, however many lines it has.
          newActivityCosts: linked ? undefined : pickedDetails.data?.impact.costsAvoided,
        }
      : undefined,
  );

  return (
    <div className="spo-builder" data-testid="spo-builder">
      <SpoReceipt spo={spo} tender={tender} />
      <SpoHeader spo={spo} tender={tender} />
      <SubmissionInfo spo={spo} />
      <TenderKeyFigures tender={tender} />

      <div className="spo-builder__layout">
        <div className="spo-builder__main">
          <section className="section" aria-labelledby="spo-lines-heading" ref={linesRef}>
            <h3 id="spo-lines-heading">Lines</h3>
            <SpoLinesTable
              lines={spo.lines}
              onRemove={editable ? handleRemove : undefined}
              removingId={removeLine.isPending ? removeLine.variables : undefined}
            />
            {removeLine.isError ? (
              <ErrorMessage title="The line was not removed" error={removeLine.error} />
            ) : null}
            {editable && spo.status === 'submitted' && spo.lines.length > 0 ? (
              <p className="form__note">
                Removing a line makes the SPO a draft again, to be submitted again.
              </p>
            ) : null}
          </section>

          <SpoSubmitPanel spo={spo} closed={closed} />

          {editable ? (
            <section
              className="section spo-builder__matching"
              aria-labelledby="spo-matching-heading"
            >
              <h3 id="spo-matching-heading">Find matching activities</h3>
              <p>
                See the activities ranked by how well they fit this tender’s local priorities, or
                let Impact Atlas suggest lines that reach the baseline, to change before sending.
              </p>
              <p className="activity-actions__row">
                <Link
                  className="button button--secondary"
                  to={`/tenders/${encodeURIComponent(tender.id)}/matches`}
                  data-testid="find-matches"
                >
                  Find matching activities
                </Link>
                <Link
                  className="button button--secondary"
                  to={`/tenders/${encodeURIComponent(tender.id)}/matches#fill`}
                >
                  Fill my baseline
                </Link>
              </p>
            </section>
          ) : null}

          {editable ? (
            <div className="section" ref={pickerRef}>
              {picked ? (
                <SpoLineForm
                  spoId={spo.id}
                  activity={picked}
                  draft={lineDraft}
                  onChange={setLineDraft}
                  submitted={spo.status === 'submitted'}
                  onAdded={() => formHeadingRef.current?.focus()}
                  onCancel={handleDoneWithActivity}
                  headingRef={formHeadingRef}
                />
              ) : null}
              <SpoActivityPicker tender={tender} pickedId={picked?.id} onPick={handlePick} />
            </div>
          ) : (
            <p className="notice">
              {closed
                ? 'Bids have closed: the lines can no longer change.'
                : 'This SPO can no longer change.'}
            </p>
          )}
        </div>
        <aside className="spo-builder__aside">
          <SpoFiguresPanel figures={figures} durationYears={tender.durationYears} />
        </aside>
      </div>
    </div>
  );
}
