import { useTomsFrameworks } from './toms.queries';

/**
 * Credits the measurement frameworks whose proxy values a figure uses, with their licences:
 * the National TOMs' licence (CC BY-NC-ND 4.0) asks for attribution wherever they are used.
 * Without `frameworks`, credits every framework the app holds.
 */
export function FrameworkCredit({ frameworks }: { frameworks?: readonly string[] }) {
  const all = useTomsFrameworks();
  const shown = (all.data ?? []).filter((f) => !frameworks || frameworks.includes(f.id));
  if (shown.length === 0) return null;
  return (
    <p className="framework-credit" data-testid="framework-credit">
      Proxy values:{' '}
      {shown.map((f, i) => (
        <span key={f.id}>
          {i > 0 ? '; ' : null}
          {f.name} ({f.licence})
        </span>
      ))}
      .
    </p>
  );
}
