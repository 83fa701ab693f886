/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. For effects of the worker or of webhooks. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60000): Promise<void> {
  await eventually(async () => ((await check()) ? true : undefined), what, timeoutMs);
}

/** Polls `read` until it returns a value, and returns it. */
export async function eventually<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
