import type { Command } from './command.js';
import { CnibenchError } from '../model/errors.js';

// Placeholder until the command is implemented (owned by the helper building this stage).
export const command: Command = {
  name: 'ingest',
  summary: '',
  help: 'cnibench ingest: not implemented yet\n',
  async run() {
    throw new CnibenchError('not-implemented', 'cnibench ingest is not implemented yet');
  },
};
