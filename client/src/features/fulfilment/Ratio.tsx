import { formatRatio, NOTHING_DUE } from './fulfilment-format';

/** Delivered of due as a percentage; "—" while nothing is due, said in words to screen readers. */
export function Ratio({ ratio }: { ratio: number | null }) {
  if (ratio !== null) return <>{formatRatio(ratio)}</>;
  return (
    <>
      <span aria-hidden="true">{NOTHING_DUE}</span>
      <span className="visually-hidden">nothing due yet</span>
    </>
  );
}
