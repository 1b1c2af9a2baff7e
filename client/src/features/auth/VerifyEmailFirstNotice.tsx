import { useEffect, useRef } from 'react';
import { ResendVerificationButton } from './ResendVerificationButton';

interface VerifyEmailFirstNoticeProps {
  /** The signed-in person's address, which the link was sent to. */
  email: string;
  /** What needs the verified address: "accept the invitation". */
  toDo: string;
  /**
   * Whether the server has just refused for want of it: the notice is then announced and
   * takes the focus, as a failure of what the person just asked would.
   */
  refused?: boolean;
}

/**
 * Says that the email address must be verified before `toDo`, how (the emailed link), and
 * offers to send the link again.
 */
export function VerifyEmailFirstNotice({
  email,
  toDo,
  refused = false,
}: VerifyEmailFirstNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refused) ref.current?.focus();
  }, [refused]);
  return (
    <div
      ref={ref}
      className="notice notice--warning"
      role={refused ? 'alert' : undefined}
      tabIndex={refused ? -1 : undefined}
      data-testid="verify-email-first"
    >
      <p>
        <strong>Verify your email address first.</strong> Before you can {toDo}, confirm that{' '}
        {email} is yours: open the link we emailed to it when you created your account, then come
        back to this page. If the link has expired or never arrived, we can send another.
      </p>
      <ResendVerificationButton />
    </div>
  );
}
