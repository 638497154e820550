/** The packaged plug-in: a valid manifest, and a signed zip holding exactly the files kintone needs. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import validateManifest from '@kintone/plugin-manifest-validator';
import { pluginIdOf } from '../../scripts/plugin/keygen';
import { ensurePluginBuilt, PLUGIN_DIR, PLUGIN_ZIP, ROOT } from './support/build';
import { readZip } from './support/zip';

jest.setTimeout(180_000);

const manifest = JSON.parse(readFileSync(join(ROOT, 'plugin', 'manifest.json'), 'utf8')) as Record<string, unknown>;

beforeAll(() => ensurePluginBuilt());

describe('manifest.json', () => {
  it('is accepted by @kintone/plugin-manifest-validator, with every file it names built', () => {
    const result = validateManifest(manifest, {
      relativePath: (path) => !/^https?:/.test(path),
      fileExists: (path) => existsSync(join(PLUGIN_DIR, path)),
      maxFileSize: (maxBytes, path) => statSync(join(PLUGIN_DIR, path)).size <= maxBytes,
    });
    expect(result.errors).toBeNull();
    expect(result.valid).toBe(true);
  });

  it('is bilingual and wires the settings screen, desktop and mobile', () => {
    expect(manifest).toMatchObject({
      name: { en: expect.any(String), ja: expect.any(String) },
      description: { en: expect.any(String), ja: expect.any(String) },
      desktop: { js: ['js/desktop.js'], css: ['css/panel.css'] },
      mobile: { js: ['js/mobile.js'], css: ['css/panel.css'] },
      config: { html: 'html/config.html', js: ['js/config.js'], css: ['css/config.css'], required_params: ['config'] },
    });
  });
});

describe('dist/plugin.zip', () => {
  it('is signed by plugin/private.ppk and holds the bundles, styles, settings page and icon', () => {
    const outer = readZip(readFileSync(PLUGIN_ZIP));
    expect([...outer.keys()].sort()).toEqual(['PUBKEY', 'SIGNATURE', 'contents.zip']);
    const contents = outer.get('contents.zip') ?? Buffer.alloc(0);
    const publicKey = createPublicKey({ key: outer.get('PUBKEY') ?? Buffer.alloc(0), format: 'der', type: 'spki' });
    expect(verify('RSA-SHA1', contents, publicKey, outer.get('SIGNATURE') ?? Buffer.alloc(0))).toBe(true);
    // kintone's plug-in ID: the first 32 hex digits of SHA-256(PUBKEY), written with the letters a-p.
    const idFromZip = [
      ...createHash('sha256')
        .update(outer.get('PUBKEY') ?? '')
        .digest('hex')
        .slice(0, 32),
    ]
      .map((c) => 'abcdefghijklmnop'[Number.parseInt(c, 16)])
      .join('');
    expect(pluginIdOf(readFileSync(join(ROOT, 'plugin', 'private.ppk'), 'utf8'))).toBe(idFromZip);

    const inner = readZip(contents);
    expect([...inner.keys()].sort()).toEqual([
      'css/config.css',
      'css/panel.css',
      'html/config.html',
      'image/icon.png',
      'js/config.js',
      'js/desktop.js',
      'js/mobile.js',
      'manifest.json',
    ]);
    expect(JSON.parse(inner.get('manifest.json')?.toString('utf8') ?? '')).toEqual(manifest);
    for (const bundle of ['js/config.js', 'js/desktop.js', 'js/mobile.js']) {
      const code = inner.get(bundle)?.toString('utf8') ?? '';
      expect(code.length).toBeGreaterThan(10_000);
      expect(code).not.toMatch(/\.innerHTML\s*=/);
    }
    expect(inner.get('image/icon.png')?.subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});
