/**
 * typebox ships ES modules only (.mjs), which Jest 29 refuses to require; Node itself (20.19+)
 * requires them, so the tests take typebox from Node's own loader (jest.config.js moduleNameMapper;
 * Jest's `module` would resolve back to this file).
 */
const { createRequire } = process.getBuiltinModule('node:module')

module.exports = createRequire(__filename)('typebox')
