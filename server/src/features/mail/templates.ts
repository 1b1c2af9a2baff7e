import escapeHtml from 'escape-html';

/** What every email says, in the same order: who it is for, what happened, what to do next. */
export interface EmailContent {
  subject: string;
  /** "Dear Ada," — the person's name, or none for an address without an account. */
  recipientName?: string | null;
  /** Paragraphs of plain text (never HTML: they are escaped). */
  paragraphs: string[];
  /** The one thing to do next, as a link with a descriptive label. */
  action?: { label: string; url: string };
  /** Smaller print after the action: why they got it, how long a link lasts. */
  footer?: string[];
  /** The one-click unsubscribe link of this kind, if the email is a notification. */
  unsubscribe?: { url: string; what: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SERVICE = 'Impact Atlas';

/**
 * Plain-text and HTML parts of one email. The HTML is simple on purpose, for screen readers
 * and mail clients alike: a language, a title, headings and paragraphs, one link that says
 * where it goes, text at 16px with AA contrast, no images and no layout tables.
 */
export function renderEmail(c: EmailContent): RenderedEmail {
  const greeting = c.recipientName ? `Dear ${c.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.action ? [`${c.action.label}:`, c.action.url, ''] : []),
    ...(c.footer ?? []).flatMap((p) => [p, '']),
    ...(c.unsubscribe
      ? [`To stop emails about ${c.unsubscribe.what}, open: ${c.unsubscribe.url}`, '']
      : []),
    `${SERVICE}`,
  ].join('\n');

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(c.subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:600px">
<p style="margin:0 0 16px;font-weight:bold;font-size:19px">${SERVICE}</p>
<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(c.subject)}</h1>
${p(greeting)}
${c.paragraphs.map(p).join('\n')}
${
  c.action
    ? `<p style="margin:0 0 24px"><a href="${escapeHtml(c.action.url)}" style="color:#1d70b8;font-weight:bold">${escapeHtml(c.action.label)}</a></p>`
    : ''
}
${(c.footer ?? []).map((f) => `<p style="margin:0 0 16px;color:#505a5f">${escapeHtml(f)}</p>`).join('\n')}
${
  c.unsubscribe
    ? `<p style="margin:0 0 16px;color:#505a5f"><a href="${escapeHtml(c.unsubscribe.url)}" style="color:#1d70b8">Stop emails about ${escapeHtml(c.unsubscribe.what)}</a></p>`
    : ''
}
</main>
</body>
</html>
`;
  return { subject: c.subject, text, html };
}
