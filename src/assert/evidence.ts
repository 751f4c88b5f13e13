import type { Evidence } from './types.js';

/**
 * Evidence over messages: their frames, unique and sorted, plus the field detail. The common cases (one or two
 * single-frame messages) skip the Set and the sort: this runs for every verdict.
 */
export function evidenceOf(msgs: readonly ({ frame: number; frames: number[] } | undefined)[], extra: Omit<Evidence, 'frames'> = {}): Evidence {
  let frames: number[];
  const a = msgs[0];
  const b = msgs[1];
  if (msgs.length === 1 && a && a.frames.length === 1) frames = [a.frame];
  else if (msgs.length === 2 && a && b && a.frames.length === 1 && b.frames.length === 1) {
    frames = a.frame === b.frame ? [a.frame] : a.frame < b.frame ? [a.frame, b.frame] : [b.frame, a.frame];
  } else frames = [...new Set(msgs.flatMap((m) => (m ? m.frames : [])))].sort((x, y) => x - y);
  return { frames, ...extra };
}
