// The project's one structural rule (docs/architecture.md): each folder of src/ is a stage; another stage is reached
// only through its door (its index.ts), and only down the flow below. An import that goes up the flow, sideways to a
// stage not listed, or through a side door (an inner file of another stage) is a lint error.
import { dirname, relative, resolve, sep } from 'node:path';

/** Which stages each stage may import. Acyclic by construction: read it top to bottom. */
export const STAGE_FLOW = {
  model: [],
  knb: ['model'],
  ingest: ['model', 'knb'],
  synth: ['model', 'knb'],
  runner: ['model', 'knb', 'ingest'],
  stats: ['model'],
  present: ['model', 'stats'],
  figures: ['model', 'stats', 'present'],
  tables: ['model', 'stats', 'present'],
  quicklook: ['model', 'stats', 'present', 'figures'],
  render: ['model', 'figures'],
  notebook: ['model', 'ingest', 'stats', 'present', 'figures', 'tables', 'quicklook'],
  report: ['model', 'ingest', 'stats', 'present', 'figures', 'tables', 'quicklook', 'render'],
  cli: ['model', 'knb', 'ingest', 'synth', 'runner', 'stats', 'present', 'figures', 'tables', 'render', 'report'],
};

const SRC = resolve(dirname(new URL(import.meta.url).pathname), 'src');

function stageOf(file) {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'stages meet only through their doors (index.ts), down the flow of docs/architecture.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = stageOf(file);
    if (from === null) return {};
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = stageOf(target);
      if (to === null || to === from) return;
      const rel = relative(SRC, target).split(sep).join('/');
      if (to === '(root)') {
        context.report({
          node,
          message: `${from} imports the package root (${spec}); import the stage's door instead`,
        });
        return;
      }
      if (rel !== `${to}/index.js`) {
        context.report({ node, message: `side door: import ${to} through ../${to}/index.js, not ${spec}` });
        return;
      }
      if (from === '(root)') return;
      const allowed = STAGE_FLOW[from];
      if (!allowed) {
        context.report({ node, message: `src/${from} is not a stage in STAGE_FLOW (eslint-stage-doors.js)` });
      } else if (!allowed.includes(to)) {
        context.report({
          node,
          message: `${from} may not import ${to}: it goes against the flow (docs/architecture.md)`,
        });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'stage-doors': rule } };
