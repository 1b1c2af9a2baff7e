import { useId, useRef, useState } from 'react';
import type { InvitationCreated } from '@shared/schemas/accounts';

const expiryFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

type CopyState = 'idle' | 'copied' | 'selected';

/**
 * A new invitation's link, to pass on by hand (nothing here sends email): shown once, since
 * the server keeps only a hash of its token. Copies to the clipboard where the browser
 * allows it, else selects the link for the person to copy themselves. Give it the link as
 * its `key`, so that a new invitation starts afresh.
 */
export function InvitationLink({ created }: { created: InvitationCreated }) {
  const { invitation, acceptPath } = created;
  const url = `${window.location.origin}${acceptPath}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const id = useId();

  function selectLink() {
    inputRef.current?.focus();
    inputRef.current?.select();
  }

  async function handleCopy() {
    try {
      // Missing outside secure contexts, and refused when the page lacks permission.
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      selectLink();
      setCopy('selected');
    }
  }

  let copyStatus = '';
  if (copy === 'copied') copyStatus = 'Link copied.';
  else if (copy === 'selected')
    copyStatus = 'Press Ctrl+C (⌘C on a Mac) to copy the selected link.';

  return (
    <div className="success-message invitation-link" data-testid="invitation-created">
      <p id={`${id}-description`} role="status">
        Invitation for <strong>{invitation.email}</strong> created. Send them this link; it works
        once, for that email, until{' '}
        <time dateTime={invitation.expiresAt}>
          {expiryFormat.format(new Date(invitation.expiresAt))}
        </time>
        :
      </p>
      <div className="invitation-link__row">
        <input
          ref={inputRef}
          className="field__input invitation-link__input"
          type="text"
          readOnly
          value={url}
          aria-label="Invitation link"
          aria-describedby={`${id}-description`}
          data-testid="invite-link"
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void handleCopy()}>
          Copy link
        </button>
        <span className="invitation-link__status" role="status">
          {copyStatus}
        </span>
      </div>
    </div>
  );
}
