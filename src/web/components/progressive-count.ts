import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` items to render: `first` in the first render, then `step` more in each later render until all
 * are there. Each step is its own task (a timer, then a React transition), so the browser paints and answers input
 * between them: one commit of 75 table rows was a ~110–125 ms task on a phone's CPU (issue 15's Total Blocking
 * Time), and with steps of 15 rows that task no longer showed among the long tasks of the Lighthouse runs.
 */
export function useProgressiveCount(total: number, first: number, step: number): number {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (count >= total) return;
    const timer = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(timer);
  }, [count, total, step]);
  return Math.min(count, total);
}
