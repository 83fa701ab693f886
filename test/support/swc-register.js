// Lets a child process run the TypeScript sources (a worker built for a test) the way Jest
// does: @swc/core compiles each .ts file on require, and @workbay/* resolve to the libs' sources.
const { transformSync } = require('@swc/core');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const aliases = {
  '@workbay/eventstore/testing': 'libs/eventstore/src/testing',
  '@workbay/eventstore': 'libs/eventstore/src',
  '@workbay/platform/testing': 'libs/platform/src/testing',
  '@workbay/platform': 'libs/platform/src',
  '@workbay/shop': 'libs/shop/src',
};
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
