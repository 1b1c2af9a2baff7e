import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import './confirm-action.css';

interface ConfirmActionProps {
  /** The button that asks, such as "Publish". */
  label: string;
  /** The question asked before acting, naming what cannot be undone. */
  question: ReactNode;
  confirmLabel: string;
  /** The button that puts the question away. */
  cancelLabel?: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  /** Called when the question is asked or put away, to clear the last attempt's error. */
  onToggle?: (asking: boolean) => void;
  /** Fields asked with the question (a reason, a date); the first takes the focus. */
  children?: ReactNode;
  danger?: boolean;
  /**
   * The asking button is a secondary one (a warning one when `danger`), for actions that must
   * not look louder than the page's main one, such as cancelling beside awarding.
   */
  quiet?: boolean;
  disabled?: boolean;
  testId?: string;
  confirmTestId?: string;
}

/**
 * An action that is asked twice, for what cannot be undone (publishing, cancelling,
 * awarding): one click alone never acts. The focus follows from the button to the question
 * and back, so that a keyboard user never loses their place.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  cancelLabel = 'Not now',
  pendingLabel,
  pending,
  onConfirm,
  onToggle,
  children,
  danger = false,
  quiet = false,
  disabled = false,
  testId,
  confirmTestId,
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const askRef = useRef<HTMLButtonElement>(null);
  const groupRef = useRef<HTMLFormElement>(null);
  const asked = useRef(false);
  const questionId = useId();
  const tone = danger ? 'button button--danger' : 'button';
  let askTone = tone;
  if (quiet) askTone = danger ? 'button button--warning' : 'button button--secondary';

  useEffect(() => {
    if (!asked.current) return;
    if (!asking) {
      askRef.current?.focus();
      return;
    }
    const first = groupRef.current?.querySelector<HTMLElement>(
      'input, select, textarea, button[type="submit"]',
    );
    first?.focus();
  }, [asking]);

  function ask(next: boolean) {
    asked.current = true;
    setAsking(next);
    onToggle?.(next);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm();
  }

  if (!asking) {
    return (
      <button
        ref={askRef}
        type="button"
        className={askTone}
        data-testid={testId}
        onClick={() => ask(true)}
        disabled={disabled}
      >
        {label}
      </button>
    );
  }
  return (
    <form
      ref={groupRef}
      className="confirm confirm--form"
      aria-labelledby={questionId}
      onSubmit={handleSubmit}
      noValidate
    >
      <p id={questionId} className="confirm__question">
        {question}
      </p>
      {children}
      <div className="confirm__buttons">
        <button type="submit" className={tone} data-testid={confirmTestId} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => ask(false)}
          disabled={pending}
        >
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
