/** fontkit ships no types; the render snapshot's entry uses this much of it (see figures/render-fonts.ts). */
declare module 'fontkit' {
  export function create(bytes: Uint8Array): { layout(text: string, ...rest: readonly unknown[]): unknown };
}
