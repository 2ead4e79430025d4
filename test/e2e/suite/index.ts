import * as path from 'path';
import Mocha from 'mocha';

/** The entry point the extension host calls with `extensionTestsPath`: runs the suite, rejects on any failure. */
export function run(): Promise<void> {
  // REFERAT_E2E_GREP runs the tests whose titles match, while one is being fixed.
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60000,
    ...(process.env.REFERAT_E2E_GREP ? { grep: process.env.REFERAT_E2E_GREP } : {}),
  });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
