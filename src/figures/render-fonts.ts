/** Where the DejaVu fonts are: inside the installed dejavu-fonts-ttf package, never the system's fonts. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CnibenchError } from '../model/errors.js';
import * as msg from '../messages/figures.js';

/** The DejaVu font files, resolved inside the installed dejavu-fonts-ttf package. */
export function fontPaths(): { regular: string; bold: string; oblique: string; boldOblique: string } {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const paths = {
    regular: join(dir, 'DejaVuSans.ttf'),
    bold: join(dir, 'DejaVuSans-Bold.ttf'),
    oblique: join(dir, 'DejaVuSans-Oblique.ttf'),
    boldOblique: join(dir, 'DejaVuSans-BoldOblique.ttf'),
  };
  for (const path of Object.values(paths)) {
    if (!existsSync(path)) throw new CnibenchError('figure-font-missing', msg.fontMissing(path));
  }
  return paths;
}
