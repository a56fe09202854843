/**
 * Runs before every app test file. @tarojs/taro must load before anything else imports the
 * H5 router, or the two import each other in the wrong order ("reading 'history'").
 */
require('@tarojs/taro')
// The test-utils transformer compiles JSX with the classic runtime.
global.React = require('react')

// The app's HTTP client reads its API base at load time: point it at the server globalSetup started.
if (!process.env.APP_TEST_API_BASE) throw new Error('APP_TEST_API_BASE is not set: globalSetup did not start the server')
process.env.TARO_APP_API_BASE = process.env.APP_TEST_API_BASE
