/**
 * The record panel's bundles carry no schema library: they read the stored config with the reader generated from
 * configSchema (config-reader.generated.ts), and import only the zod-free parts of the contract. zod's core names its
 * classes ("$ZodType", "$ZodObject", …) in strings a minifier keeps, so a bundle holding zod holds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePluginBuilt, PLUGIN_DIR } from './support/build';

jest.setTimeout(180_000);

beforeAll(() => ensurePluginBuilt());

describe.each(['desktop', 'mobile'])('js/%s.js', (name) => {
  const code = () => readFileSync(join(PLUGIN_DIR, 'js', `${name}.js`), 'utf8');

  it('holds no zod', () => {
    expect(code()).not.toMatch(/\$Zod[A-Z]/);
  });

  it('reads the config with the generated reader (its rules and messages are in the bundle)', () => {
    expect(code()).toContain('a kintone field code has at most 128 characters');
    expect(code()).toContain('is mapped to more than one slot');
  });
});

it('the settings screen, which uses zod, is told apart by the same test', () => {
  expect(readFileSync(join(PLUGIN_DIR, 'js', 'config.js'), 'utf8')).toMatch(/\$Zod[A-Z]/);
});
