// A host of a group as the config gives it: its name, its Docker endpoint (parsed once, in
// endpoint.ts), the address health checks use and the TLS material for tcp endpoints.
import type { Endpoint } from './endpoint';

export interface TlsSpec {
  ca?: string; // PEM text (resolved from a file path or an environment variable name)
  cert?: string; // PEM text
  key?: string; // PEM text; a secret
  verify: boolean; // false only when the user wrote `verify: false` (warned about)
}

export interface HostSpec {
  name: string; // as written, or derived from the endpoint ("10.0.0.3", "web-2.example.com")
  group: string;
  endpoint: Endpoint; // parsed once, by the config or the inventory: unix:///path, tcp://host:port, ssh://user@host[:port]
  address: string; // where health checks go; default: the endpoint's host (127.0.0.1 for unix://)
  tls?: TlsSpec;
}
