/**
 * What a test file (or describe block) drives, started in its beforeAll and closed in its afterAll: `use` receives
 * it to set the file's variables. Closed even when a test failed; never closed twice.
 */
export function startForTests<T extends { close(): Promise<void> }>(start: () => Promise<T>, use: (started: T) => void): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    use(started);
  });
  afterAll(async () => {
    const s = started;
    started = undefined;
    await s?.close();
  });
}
