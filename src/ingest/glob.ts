/**
 * `ignore:` globs (campaign.yaml) and `--ignore`: `*` matches within one path segment, `**` across segments, `?` one
 * character; a glob without `/` matches a file or directory name at any depth (`*.cast`), a glob with `/` matches the
 * path from the campaign directory (`logs/**`). Other characters are literal. Compiled once to an anchored regex
 * without nested quantifiers.
 */

export interface IgnoreGlob {
  readonly glob: string;
  readonly regex: RegExp;
  /** the glob has a `/`: it matches the relative path, else the name */
  readonly anchored: boolean;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileGlob(glob: string): IgnoreGlob {
  const clean = glob.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '*' && clean[i + 1] === '*') {
      // `**/` any number of directories; a trailing `**` anything below
      if (clean[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += escapeRegex(c);
  }
  return { glob, regex: new RegExp(`^${source}$`), anchored: clean.includes('/') };
}

/** The first glob that matches a path (relative, `/`-separated), or undefined. */
export function ignoredBy(globs: readonly IgnoreGlob[], rel: string): IgnoreGlob | undefined {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return globs.find((g) => g.regex.test(g.anchored ? rel : name));
}
