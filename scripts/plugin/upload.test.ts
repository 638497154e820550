import { cliArguments, missingVariables, uploadPlugin, type UploadDeps } from './upload';

const ZIP = '/work/dist/plugin.zip';
const FULL_ENV = {
  KINTONE_BASE_URL: 'https://example.cybozu.com',
  KINTONE_USERNAME: 'yamada.taro',
  KINTONE_PASSWORD: 's3cret-Pa55',
};

function deps(overrides: Partial<UploadDeps> = {}): UploadDeps & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    env: FULL_ENV,
    zipPath: ZIP,
    exists: () => true,
    runCli: (args) => {
      calls.push(args);
      return Promise.resolve(0);
    },
    ...overrides,
    calls,
  };
}

describe('npm run upload', () => {
  it('runs cli-kintone plugin upload on the zip, with the connection left to the environment', async () => {
    const d = deps();
    await expect(uploadPlugin({}, d)).resolves.toBe(0);
    expect(d.calls).toEqual([['plugin', 'upload', '--input', ZIP]]);
  });

  it('passes --yes and --watch on', () => {
    expect(cliArguments(ZIP, { yes: true, watch: true })).toEqual([
      'plugin',
      'upload',
      '--input',
      ZIP,
      '--yes',
      '--watch',
    ]);
  });

  it("returns cli-kintone's exit code", async () => {
    await expect(uploadPlugin({}, deps({ runCli: () => Promise.resolve(3) }))).resolves.toBe(3);
  });

  it('names every missing variable, blank counting as missing, and runs nothing', async () => {
    expect(missingVariables({})).toEqual(['KINTONE_BASE_URL', 'KINTONE_USERNAME', 'KINTONE_PASSWORD']);
    const d = deps({
      env: { KINTONE_BASE_URL: 'https://example.cybozu.com', KINTONE_USERNAME: '  ', KINTONE_PASSWORD: 's3cret-Pa55' },
    });
    const failure = uploadPlugin({}, d);
    await expect(failure).rejects.toThrow('Set KINTONE_USERNAME in the environment');
    expect(d.calls).toEqual([]);
  });

  it('never shows a value it was given', async () => {
    const d = deps({ env: { KINTONE_PASSWORD: 's3cret-Pa55', KINTONE_USERNAME: 'yamada.taro' }, exists: () => false });
    const message = await uploadPlugin({}, d).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toContain('Set KINTONE_BASE_URL in the environment');
    expect(message).not.toContain('s3cret-Pa55');
    expect(message).not.toContain('yamada.taro');
  });

  it('asks for a build when there is no zip', async () => {
    const d = deps({ exists: (path) => path !== ZIP });
    await expect(uploadPlugin({}, d)).rejects.toThrow(/plugin\.zip does not exist: run npm run build first/);
    expect(d.calls).toEqual([]);
  });
});
