// Types of the project's ESLint rule module (eslint-stage-doors.js), for the test that checks it.
export declare const STAGE_FLOW: Readonly<Record<string, readonly string[]>>;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
