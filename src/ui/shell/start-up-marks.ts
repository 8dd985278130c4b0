// Start-up milestones as User Timing marks, so `npm run bench` (and a developer's performance
// panel) can see when the page became usable and when the stored keys were first listed.
import { useLayoutEffect } from 'preact/hooks';

export const USABLE_MARK = 'kalshi-keys:usable';
export const KEYS_LISTED_MARK = 'kalshi-keys:keys-listed';

/** Sets `name` once per page, the first time `reached` is true after a render reaches the DOM. */
export function useStartUpMark(name: string, reached: boolean): void {
  // A layout effect runs right after the DOM changes; a plain effect would wait for the next paint.
  useLayoutEffect(() => {
    // Marks are a measurement aid: a browser without User Timing still runs the page.
    try {
      // Once per page: the page's own timeline says whether this milestone was already reached.
      if (reached && !performance.getEntriesByName(name).length) performance.mark(name);
    } catch {
      // Without User Timing there is nothing to mark.
    }
  }, [name, reached]);
}
