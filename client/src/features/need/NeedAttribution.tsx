import { NEED_ATTRIBUTION } from '@shared/schemas/need';

/** The credits the need data's licences ask for (seed/data/need/SOURCE.md), wherever it is shown. */
export function NeedAttribution() {
  return (
    <div className="need-attribution" data-testid="need-attribution">
      {NEED_ATTRIBUTION.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
