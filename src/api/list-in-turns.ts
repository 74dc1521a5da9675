import { turns } from '../application/event-loop-turns.js';

/** Items of a list completed in one turn of the event loop. */
const ITEMS_PER_TURN = 250;

// A turn of the process's queue, as every request's job: slices of several answers never share one.
const nextTurn = () => turns.turn();

/**
 * A long list for graphql-js to complete a slice per turn of the event loop: the first slice as it
 * is, each later item a promise that resolves one turn after the slice before. graphql-js completes
 * a promised item when it resolves, so a statistics answer of thousands of rows (a row's key objects,
 * its counts and its masked list: some twenty fields each) no longer holds the loop for the whole
 * answer, and the sockets, timers and other requests run between the slices. The answer is the same
 * list, in the same order.
 */
export function listInTurns<T>(items: readonly T[], perTurn = ITEMS_PER_TURN): ReadonlyArray<T | Promise<T>> {
  if (items.length <= perTurn) return items;
  const list: Array<T | Promise<T>> = items.slice(0, perTurn);
  let turn: Promise<void> = Promise.resolve();
  for (let from = perTurn; from < items.length; from += perTurn) {
    turn = turn.then(nextTurn);
    const slice = turn;
    for (const item of items.slice(from, from + perTurn)) list.push(slice.then(() => item));
  }
  return list;
}
