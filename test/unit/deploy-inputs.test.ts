// The deploy action's input reader (src/actions/deploy/inputs.ts): one typed object, the mode checked
// before any host is touched, and the inputs of the modes other than deploy.
jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string) => process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '',
  }),
  { virtual: true },
);

import { INPUTS, readDeployInputs } from '../../src/actions/deploy/inputs';
import { InputError } from '../../src/errors';
import { withInputs as withInputsOf } from '../support/action-inputs';

function withInputs<T>(values: Record<string, string>, fn: () => T): T {
  return withInputsOf(INPUTS, values, fn);
}

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('deploy', () => {
  test('defaults: mode deploy, aviary.yml, the job summary on, no GitHub deployment', () => {
    const inputs = withInputs({}, () => readDeployInputs({}));
    expect(inputs.mode).toBe('deploy');
    expect(inputs.settings).toMatchObject({
      configPath: 'aviary.yml',
      dryRun: false,
      forceUnlock: false,
      overrides: { groups: [] },
    });
    expect(inputs.settings.overrides.image).toBeUndefined();
    expect(inputs.publish).toEqual({
      summary: true,
      githubToken: undefined,
      environment: undefined,
      environmentUrl: undefined,
    });
    expect(inputs.modes).toEqual({ hosts: [], command: '', sshUser: '', commandTimeoutMs: undefined });
  });

  test('image and gates go into the overrides; the publish inputs beside them', () => {
    const given = {
      image: 'v2',
      gates: '- http: {url: "http://x"}',
      summary: 'false',
      environment: 'prod',
      'github-token': 't',
    };
    const inputs = withInputs(given, () => readDeployInputs({}));
    expect(inputs.settings.overrides).toMatchObject({ image: 'v2', gates: '- http: {url: "http://x"}' });
    expect(inputs.publish).toMatchObject({ summary: false, environment: 'prod', githubToken: 't' });
  });

  test('an unknown mode is an input error listing the modes', () => {
    expect(inputError(() => withInputs({ mode: 'Deploy' }, () => readDeployInputs({})))).toBe(
      'input mode: "Deploy" is not deploy, status, sync, retire, maintain, doctor',
    );
  });

  test("the modes' inputs: hosts as a list, maintain's command, user and timeout", () => {
    const given = {
      mode: 'maintain',
      hosts: 'h1, h2\nh3',
      command: 'apt-get -y upgrade',
      'ssh-user': 'ops',
      'command-timeout': '90s',
    };
    const inputs = withInputs(given, () => readDeployInputs({}));
    expect(inputs.mode).toBe('maintain');
    expect(inputs.modes).toEqual({
      hosts: ['h1', 'h2', 'h3'],
      command: 'apt-get -y upgrade',
      sshUser: 'ops',
      commandTimeoutMs: 90_000,
    });
  });

  test('command-timeout is checked in mode maintain, before anything runs, and only there', () => {
    expect(
      inputError(() => withInputs({ mode: 'maintain', 'command-timeout': 'soon' }, () => readDeployInputs({}))),
    ).toBe('input command-timeout: "soon" is not a duration like 90s or 30m');
    expect(
      withInputs({ mode: 'doctor', 'command-timeout': 'soon' }, () => readDeployInputs({})).modes.commandTimeoutMs,
    ).toBeUndefined();
  });

  test('a bad true/false input names itself', () => {
    const read = (values: Record<string, string>) => () => withInputs(values, () => readDeployInputs({}));
    expect(inputError(read({ 'dry-run': 'maybe' }))).toBe('input dry-run: "maybe" is not true or false');
    expect(inputError(read({ summary: 'sometimes' }))).toBe('input summary: "sometimes" is not true or false');
  });
});
