// compactSvg lives in figures (a figure's own display bundle uses it); kept here for the notebook stage's API.
export { compactSvg } from '../figures/index.js';
