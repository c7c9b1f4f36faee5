// The one parser of Docker endpoints (hosts/endpoint.ts): the config, the inventory and the
// connection all work from what it returns.
import { endpointKey, formatEndpoint, parseEndpoint, parseHostAddress } from '../../src/hosts/endpoint';

test.each([
  ['unix:///var/run/docker.sock', { scheme: 'unix', path: '/var/run/docker.sock' }],
  ['tcp://10.0.0.1:2375', { scheme: 'tcp', host: '10.0.0.1', port: 2375 }],
  ['tcp://Web-1.Example.com:2376', { scheme: 'tcp', host: 'web-1.example.com', port: 2376 }],
  ['tcp://[fd00::1]:2375', { scheme: 'tcp', host: 'fd00::1', port: 2375 }],
  ['ssh://deploy@web-2.example.com', { scheme: 'ssh', user: 'deploy', host: 'web-2.example.com', port: undefined }],
  ['ssh://deploy@10.0.0.2:2222', { scheme: 'ssh', user: 'deploy', host: '10.0.0.2', port: 2222 }],
])('parseEndpoint(%s)', (text, expected) => {
  const e = parseEndpoint(text);
  expect(e).toEqual(expected);
  expect('expected' in e ? undefined : formatEndpoint(e)).toBe(text.toLowerCase());
});

test.each([
  ['http://10.0.0.1:2375', /a Docker endpoint like/],
  ['unix://relative.sock', /absolute path/],
  ['10.0.0.1:2375', /a Docker endpoint like/],
  ['tcp://10.0.0.1', /a host and a port/],
  ['tcp://10.0.0.300:2375', /a host and a port/],
  ['ssh://web-2.example.com', /a user and a host/],
  ['ssh://deploy@web-2:99999', /a user and a host/],
  ['unix:///var/run/../docker.sock', /absolute path/],
])('parseEndpoint(%s) says what it expected', (text, why) => {
  const e = parseEndpoint(text);
  expect('expected' in e && e.expected).toMatch(why);
});

test('endpoints that reach the same engine have the same key; the ssh user and default port aside', () => {
  const key = (t: string) => {
    const e = parseEndpoint(t);
    if ('expected' in e) throw new Error(e.expected);
    return endpointKey(e);
  };
  expect(key('ssh://a@web-1:22')).toBe(key('ssh://b@web-1'));
  expect(key('tcp://web-1:2375')).not.toBe(key('tcp://web-1:2376'));
  expect(key('unix:///var/run/docker.sock')).toBe('unix:/var/run/docker.sock');
});

test('host addresses: names lowercased, IPv6 unbracketed, dotted typos refused', () => {
  expect(parseHostAddress('Web-1.Example.com.')).toBe('web-1.example.com');
  expect(parseHostAddress('[FD00::1]')).toBe('fd00::1');
  expect(parseHostAddress('10.0.0.300')).toBeUndefined();
  expect(parseHostAddress('web_1')).toBeUndefined();
});
