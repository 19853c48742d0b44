import { startTransition, useEffect, useState } from 'react';

/**
 * False in a component's first render, true from a second render that React makes as a transition. A page renders
 * what the first screen shows at once and the parts further down in that second pass: React splits a transition
 * into slices of a few milliseconds between which the browser may paint and answer input, so the lower sections
 * no longer add to one long task (Total Blocking Time on a phone, issue 15). `enabled` false (print views) gives
 * true at once.
 */
export function useSecondPass(enabled = true): boolean {
  const [ready, setReady] = useState(!enabled);
  useEffect(() => {
    if (!ready) startTransition(() => setReady(true));
  }, [ready]);
  return ready;
}
