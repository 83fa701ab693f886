// Lets a child process run the TypeScript sources (a worker built for a test) the way Jest
// does: @swc/core compiles each .ts file on require, and @workbay/* resolve to the libs' sources.
const { transformSync } = require('@swc/core');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
// The same @workbay/* aliases as the compiler: tsconfig.json's paths, read rather than copied.
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
const aliases = Object.fromEntries(Object.entries(paths).map(([alias, [target]]) => [alias, target]));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ? path.join(root, aliases[request]) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  });
  module._compile(code, filename);
};
