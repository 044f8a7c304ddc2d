// What the local registry serves after `changeset publish`, for .ci/release-check.sh: for every
// public package of the workspace copy (run from its root) the published version, the tarball's
// name, file count and size, and the dependency ranges pnpm wrote in place of `workspace:^`.
// Fails when a version is missing, a `workspace:` range was published, the published
// package.json lacks license, repository, engines.node or keywords, or a file that it points at
// (exports, main, module, types) or README.md, CHANGELOG.md or LICENSE is not in the tarball.
//
//   node .ci/verdaccio/registry-report.mjs http://127.0.0.1:4873/
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const registry = process.argv[2];
if (!registry) throw new Error('usage: node registry-report.mjs <registry url>');

/** The paths in a tar archive (ustar: name, and prefix for long names). */
function tarPaths(tar) {
  const paths = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const prefix = text(345, 155);
    const type = text(156, 1);
    if (type === '0' || type === '') paths.push((prefix ? `${prefix}/` : '') + text(0, 100));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return paths;
}

/** Every relative file path a package.json's entry fields and `exports` name. */
function entryFiles(manifest) {
  const found = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) found.add(value.slice(2));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(manifest.exports);
  for (const field of ['main', 'module', 'types', 'typings']) {
    if (typeof manifest[field] === 'string') found.add(manifest[field].replace(/^\.\//, ''));
  }
  return [...found];
}

const local = readdirSync('packages')
  .filter((dir) => existsSync(`packages/${dir}/package.json`))
  .map((dir) => ({ dir, ...JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8')) }))
  .filter((pkg) => !pkg.private);

const problems = [];
for (const pkg of local) {
  const response = await fetch(registry + pkg.name.replace('/', '%2f'));
  if (!response.ok) {
    problems.push(`${pkg.name}: the registry answers ${response.status}`);
    continue;
  }
  const doc = await response.json();
  const version = doc['dist-tags']?.latest;
  const manifest = doc.versions?.[version];
  if (!manifest || version !== pkg.version) {
    problems.push(`${pkg.name}: latest is ${version}, the workspace copy has ${pkg.version}`);
    continue;
  }
  const tgz = Buffer.from(await (await fetch(manifest.dist.tarball)).arrayBuffer());
  const files = tarPaths(gunzipSync(tgz)).map((path) => path.replace(/^package\//, ''));
  const ranges = ['dependencies', 'peerDependencies'].flatMap((field) =>
    Object.entries(manifest[field] ?? {}).map(
      ([name, range]) => `${field === 'peerDependencies' ? 'peer ' : ''}${name} ${range}`,
    ),
  );
  const tarball = manifest.dist.tarball.split('/').pop();
  const size = `${files.length} files, ${(tgz.length / 1024).toFixed(1)} kB`;
  const meta = `${manifest.license}, node ${manifest.engines?.node}`;
  console.log(
    `  ${`${pkg.name}@${version}`.padEnd(30)} ${tarball.padEnd(26)} ${size.padEnd(20)} ${meta}` +
      (ranges.length ? `; ${ranges.join(', ')}` : ''),
  );

  if (JSON.stringify(manifest).includes('workspace:')) {
    problems.push(`${pkg.name}@${version}: the published package.json has a workspace: range`);
  }
  for (const [field, value] of Object.entries({
    license: manifest.license,
    repository: manifest.repository,
    'engines.node': manifest.engines?.node,
    keywords: manifest.keywords?.length ? manifest.keywords : undefined,
  })) {
    if (!value) problems.push(`${pkg.name}@${version}: the published package.json has no ${field}`);
  }
  const wanted = [...entryFiles(manifest), 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
  for (const file of wanted) {
    if (!files.includes(file))
      problems.push(`${pkg.name}@${version}: ${file} is not in ${tarball}`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
