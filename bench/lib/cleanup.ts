/** What closeAll() must undo when a bench script ends: servers, containers, databases, child processes. */
const cleanups: (() => Promise<void>)[] = [];

/** Registers something closeAll() must close (it runs before whatever was set up earlier). */
export const atClose = (f: () => Promise<void>): void => void cleanups.push(f);

/** Registers something closeAll() runs after everything else (e.g. removing the log directory). */
export const atCloseLast = (f: () => Promise<void>): void => void cleanups.unshift(f);

/** Closes servers and containers, drops databases and Redis prefixes (in reverse order of creation). */
export async function closeAll(): Promise<void> {
  while (cleanups.length) {
    const f = cleanups.pop()!;
    await f().catch((e: Error) => process.stderr.write(`cleanup: ${e.message}\n`));
  }
}
