// Which registries the engine treats as insecure (registry/insecure.ts): listed names, its
// InsecureRegistryCIDRs (IPv4 and IPv6), loopback, and bracketed IPv6 registry hosts.
import { inCidr, isInsecureRegistry } from '../../src/registry/insecure';

test.each([
  ['10.210.0.2', '10.210.0.0/24', true],
  ['10.211.0.2', '10.210.0.0/24', false],
  ['10.210.0.2', '10.210.0.2', true],
  ['10.210.0.3', '10.210.0.2', false],
  ['10.1.2.3', '0.0.0.0/0', true],
  ['::ffff:10.210.0.9', '10.210.0.0/24', true],
  ['fd00::1', 'fd00::/8', true],
  ['fdff:1234::5', 'fd00::/8', true],
  ['fe80::1', 'fd00::/8', false],
  ['2001:db8:0:1::7', '2001:db8::/48', true],
  ['2001:db8:1::7', '2001:db8::/48', false],
  ['fd00::1', '10.0.0.0/8', false],
  ['10.0.0.1', 'fd00::/8', false],
  ['not-an-ip', '10.0.0.0/8', false],
  ['10.0.0.1', 'not-a-cidr/8', false],
  ['10.0.0.1', '10.0.0.0/33', false],
])('inCidr(%s, %s) is %s', (ip, cidr, expected) => {
  expect(inCidr(ip, cidr)).toBe(expected);
});

test('insecure registries follow the engine: listed names, CIDRs, loopback', async () => {
  const config = {
    InsecureRegistryCIDRs: ['10.210.0.0/24', '127.0.0.0/8'],
    IndexConfigs: { 'insecure.example:5000': { Secure: false } },
  };
  expect(await isInsecureRegistry('10.210.0.2:5000', config)).toBe(true);
  expect(await isInsecureRegistry('127.0.0.1:41234', config)).toBe(true);
  expect(await isInsecureRegistry('insecure.example:5000', config)).toBe(true);
  expect(await isInsecureRegistry('10.9.9.9:5000', config)).toBe(false);
  expect(await isInsecureRegistry('localhost:5000', undefined)).toBe(true);
  expect(await isInsecureRegistry('127.0.0.1:5000', undefined)).toBe(true);
  expect(await isInsecureRegistry('10.210.0.2:5000', undefined)).toBe(false);
  expect(await isInsecureRegistry('10.210.0.2:5000', { InsecureRegistryCIDRs: null })).toBe(false);
});

test('IPv6 registries: bracketed hosts with or without a port, matched against IPv6 CIDRs', async () => {
  const config = {
    InsecureRegistryCIDRs: ['127.0.0.0/8', 'fd00::/8', '10.210.0.0/24'],
    IndexConfigs: { '[2001:db8::5]:5000': { Secure: false } },
  };
  expect(await isInsecureRegistry('[fd00::1]:5000', config)).toBe(true);
  expect(await isInsecureRegistry('[fd00::1]', config)).toBe(true);
  expect(await isInsecureRegistry('fd00::1', config)).toBe(true);
  expect(await isInsecureRegistry('[fe80::1]:5000', config)).toBe(false);
  expect(await isInsecureRegistry('[2001:db8::5]:5000', config)).toBe(true);
  expect(await isInsecureRegistry('[2001:db8::5]:5001', config)).toBe(false);
  // IPv6 loopback is insecure as the engine has it, whatever the ranges; an IPv6 address is not in an IPv4 range.
  expect(await isInsecureRegistry('[::1]:5000', { InsecureRegistryCIDRs: [] })).toBe(true);
  expect(await isInsecureRegistry('[fd00::1]:5000', { InsecureRegistryCIDRs: ['10.0.0.0/8'] })).toBe(false);
});
