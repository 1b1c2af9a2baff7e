import { useRef, type MouseEvent } from 'react';
import { describeFieldError, type FieldErrors } from '../lib/form-errors';

const CONTROLS = 'input, select, textarea';

interface FormProblemsProps {
  errors: FieldErrors;
  /** The name a field's problem is given under, from its dotted path. */
  labelOf: (path: string) => string;
  'data-testid'?: string;
}

/**
 * The control a problem is about: the one its field's message describes (the message whose
 * text is the summary's, else the nth ending in the same words), else the first invalid one.
 */
function controlFor(form: Element, text: string, message: string, nth: number): HTMLElement | null {
  const messages = [...form.querySelectorAll<HTMLElement>('.field__error')];
  const alike = messages.filter((element) => element.textContent?.endsWith(message));
  const shown = messages.find((element) => element.textContent === text) ?? alike[nth] ?? alike[0];
  const described = shown?.id
    ? form.querySelector<HTMLElement>(`[aria-describedby~="${CSS.escape(shown.id)}"]`)
    : null;
  const invalid = described ?? form.querySelector<HTMLElement>('[aria-invalid="true"]');
  // A group (a fieldset of checkboxes) is described as a whole; its first control takes the focus.
  return invalid?.matches(CONTROLS)
    ? invalid
    : (invalid?.querySelector<HTMLElement>(CONTROLS) ?? null);
}

/**
 * The problems with a form's answers, at its top, in the GOV.UK manner: a box that takes the
 * focus on each submit (see `useFormErrors`), saying how many answers need fixing, with a link
 * to each field that moves the focus there. Renders nothing while there are none.
 */
export function FormProblems({ errors, labelOf, 'data-testid': testId }: FormProblemsProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const problems = Object.entries(errors).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  if (problems.length === 0) return null;

  const items = problems.map(([path, message], index) => ({
    path,
    message,
    text: describeFieldError(labelOf(path), message),
    // Which of the problems with these same words this is, to tell their fields apart.
    nth: problems.slice(0, index).filter(([, other]) => other === message).length,
  }));

  function handleClick(event: MouseEvent<HTMLAnchorElement>, item: (typeof items)[number]) {
    event.preventDefault();
    const form = boxRef.current?.closest('form');
    if (form) controlFor(form, item.text, item.message, item.nth)?.focus();
  }

  return (
    <div
      ref={boxRef}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      data-form-problems=""
      data-testid={testId}
    >
      <p className="error-summary__title">
        {problems.length === 1
          ? 'One answer needs fixing'
          : `${problems.length} answers need fixing`}
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.path}>
            <a href={`#${item.path}`} onClick={(event) => handleClick(event, item)}>
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
