/** Counts turns of the event loop: one increment per check phase, for as long as it runs. */
export function turnCounter(): { readonly now: () => number; stop(): void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turn,
    stop: () => {
      running = false;
    },
  };
}
