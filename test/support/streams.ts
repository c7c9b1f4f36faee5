// How a response stream ends within `ms`: 'ended', 'closed' or 'error', or still 'open' (a silent request).
export function streamEnd(s: NodeJS.ReadableStream, ms: number): Promise<string> {
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('open'), ms);
    const done = (how: string) => () => {
      clearTimeout(timer);
      resolve(how);
    };
    s.once('end', done('ended'));
    s.once('close', done('closed'));
    s.once('error', done('error'));
    s.resume();
  });
}
