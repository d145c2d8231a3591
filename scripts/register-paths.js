// Resolves the @app/* aliases for compiled code under dist/ (same layout as the sources).
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

tsconfigPaths.register({ baseUrl: path.resolve(__dirname, '..', 'dist'), paths: compilerOptions.paths });
