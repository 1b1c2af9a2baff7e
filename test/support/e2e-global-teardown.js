// Removes the embedded database template that the global setup made (if it made one).
import fs from 'node:fs';
import { templateDir } from './e2e-global-setup.js';

export default function globalTeardown() {
  fs.rmSync(templateDir(), { recursive: true, force: true });
}
