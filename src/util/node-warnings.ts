// Node 24 (the actions' runtime) warns on stderr, once per process, when url.parse() is called
// (DEP0169, "…prone to errors that have security implications"). docker-modem, dockerode's
// transport, calls it for every tcp:// engine, so every deploy over TCP printed that alarming line
// in the user's log although the URLs it parses are aviary's own, validated ones. Only that warning
// is dropped; every other warning still reaches stderr.
const SILENCED = new Set(['DEP0169']);

const installed = new WeakSet<object>();

export function silenceDependencyWarnings(target: Pick<NodeJS.Process, 'emitWarning'> = process): void {
  if (installed.has(target)) return;
  installed.add(target);
  const emit = target.emitWarning.bind(target) as (...args: unknown[]) => void;
  target.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const options = rest[0];
    const code = typeof options === 'object' && options !== null ? (options as { code?: string }).code : rest[1];
    if (typeof code === 'string' && SILENCED.has(code)) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
