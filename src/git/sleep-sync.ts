const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** Blocks the thread for `milliseconds`, for synchronous code that waits on another process (no busy loop, no timer). */
export function sleepSync(milliseconds: number): void {
  if (milliseconds > 0) Atomics.wait(sleeper, 0, 0, milliseconds)
}
