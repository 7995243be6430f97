import type { Command } from './command.js';
import { CnibenchError } from '../model/errors.js';

// Placeholder until the command is implemented (owned by the helper building this stage).
export const command: Command = {
  name: 'fixtures',
  summary: '',
  help: 'cnibench fixtures: not implemented yet\n',
  async run() {
    throw new CnibenchError('not-implemented', 'cnibench fixtures is not implemented yet');
  },
};
