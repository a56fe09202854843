module.exports = { displayName: 'app', rootDir: '../..', testMatch: ['<rootDir>/test/app/**/*.test.tsx'] }
