// Credentials and secret-env values sent over plain tcp:// are said before anything is sent (issue 10).
import { loadConfig } from '../../src/config/load';
import { cleartextSecrets } from '../../src/deploy';

const config = (secretEnv: boolean) =>
  loadConfig({
    path: 'aviary.yml',
    env: { DATABASE_URL: 'postgres://u:p@db/app' },
    overrides: { image: 'reg.example/web:v1' },
    text: `service: web
image: reg.example/web
groups:
  web:
    hosts: ["tcp://10.0.0.1:2375", "ssh://deploy@10.0.0.2"]
${secretEnv ? 'container: {secret-env: [DATABASE_URL]}\n' : ''}`,
  });

test('names the plain tcp:// hosts and what would cross in cleartext', () => {
  const warning = cleartextSecrets(config(true), true)!;
  expect(warning).toMatch(
    /the registry credentials and secret-env DATABASE_URL travel in cleartext to 1 host\(s\) reached over plain tcp:\/\/ \(10\.0\.0\.1\)/,
  );
  expect(warning).not.toContain('postgres://');
});

test('says nothing when no secret would cross', () => {
  expect(cleartextSecrets(config(false), false)).toBeUndefined();
});
