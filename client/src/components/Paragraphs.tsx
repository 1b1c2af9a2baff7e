/** Text as someone typed it: blank lines separate paragraphs, single line breaks are kept. */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="activity-page__paragraph">
          {paragraph}
        </p>
      ))}
    </>
  );
}
