import { useEffect, useState } from 'react';

/**
 * The current time in milliseconds, renewed every `intervalMs`, for countdowns such as a
 * tender's "closes in …" that must turn to "closed" without a reload.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return function stopTicking() {
      window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
