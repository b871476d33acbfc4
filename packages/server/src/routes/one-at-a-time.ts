/** A queue of one: each task starts once the one before it has ended, however it ended. */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let running: Promise<unknown> = Promise.resolve();
  return (task) => {
    const turn = running.then(task, task);
    running = turn.catch(() => {});
    return turn;
  };
}
