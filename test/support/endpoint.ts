// A Docker endpoint from its text, for tests that write a HostSpec by hand (the config parses it in aviary.yml).
import { Endpoint, parseEndpoint } from '../../src/hosts/endpoint';

export function endpoint(text: string): Endpoint {
  const e = parseEndpoint(text);
  if ('expected' in e) throw new Error(`${text}: not ${e.expected}`);
  return e;
}
