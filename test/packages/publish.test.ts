/**
 * The three packages are ready to publish: what `npm pack` would put in each tarball holds every
 * file its `exports`, `types` and `bin` name, its README and LICENSE, and nothing private (tests,
 * environment files); the metadata a user looks for is there. Runs after the build (`pnpm test`
 * builds first).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

interface Packed {
  readonly name: string;
  readonly files: readonly { readonly path: string }[];
}

const PACKAGES = ['sdk', 'elements', 'server'] as const;

/** Every file path an `exports` map (or any nested condition of it) names. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

const clean = (path: string) => path.replace(/^\.\//, '');

for (const name of PACKAGES) {
  describe(`@billpay/${name}, as npm would publish it`, function () {
    this.timeout(60_000);
    const dir = join('packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    let files: Set<string>;

    before(() => {
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
      const [packed] = JSON.parse(out) as Packed[];
      files = new Set(packed!.files.map((f) => f.path));
    });

    it('holds every file its exports, types and bin name', () => {
      const named = [...targets(manifest.exports), ...targets(manifest.bin), ...targets(manifest.types)]
        .map(clean)
        // `source` conditions point into src/, published too; wildcard patterns have no one file.
        .filter((path) => !path.includes('*'));
      const missing = named.filter((path) => !files.has(path));
      expect(missing, 'named in package.json but not in the tarball').to.deep.equal([]);
    });

    it('holds its README, LICENSE and CHANGELOG, and no tests or environment files', () => {
      expect([...files]).to.include.members(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']);
      const private_ = [...files].filter((path) => /(^|\/)(test|tests|__tests__)\//.test(path) || /(^|\/)\.env/.test(path) || /\.test\.[jt]s$/.test(path));
      expect(private_).to.deep.equal([]);
    });

    it('says what a user looks for: license, engines, repository, keywords, types', () => {
      expect(manifest.name).to.equal(`@billpay/${name}`);
      expect(manifest.license).to.equal('MIT');
      expect(manifest.engines).to.deep.equal({ node: '>=20.19' });
      expect((manifest.repository as { directory?: string }).directory).to.equal(`packages/${name}`);
      expect(manifest.keywords).to.be.an('array').that.is.not.empty;
      expect(files.has(clean(String(manifest.types)))).to.equal(true);
      expect(manifest.private).to.equal(undefined);
    });
  });
}
