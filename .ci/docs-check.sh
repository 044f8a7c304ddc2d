#!/usr/bin/env bash
# CI: builds the API site (TypeDoc, configured by typedoc.json) with every warning an error, so an
# export without a doc comment (validation.notDocumented), a {@link} that resolves nowhere, a
# referenced type that is not exported, or a relative link to a missing file fails the run. Then
# checks that every public member of `Tensor` names what it mirrors in PyTorch. Runs from the
# repository root on a fresh clone, as root, with Node 20 and npm (npx fetches the pinned pnpm).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

echo "== docs: install"
npx -y pnpm@12.4.2 install

echo "== docs: TypeDoc with warnings as errors (site in docs/api/)"
json_dir="$(mktemp -d)"
trap 'rm -rf "$json_dir"' EXIT
build_started=$SECONDS
# The HTML goes to docs/api/ (typedoc.json's `out`); the JSON model, for the check below, to a
# temporary folder.
npx typedoc --treatWarningsAsErrors --json "$json_dir/api.json"
echo "== docs: TypeDoc build: $((SECONDS - build_started)) s"

for page in docs/api/index.html docs/api/documents/Porting_from_PyTorch.html; do
  [ -s "$page" ] || { echo "docs-check: $page was not written" >&2; exit 1; }
done

echo "== docs: every public Tensor member names its PyTorch counterpart"
node --input-type=module - "$json_dir/api.json" <<'EOF'
import { readFileSync } from 'node:fs';

const project = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// TypeDoc's reflection kinds (typedoc's ReflectionKind enum).
const CLASS = 128;
const find = (node, pred) => {
  if (pred(node)) return node;
  for (const child of node.children ?? []) {
    const hit = find(child, pred);
    if (hit) return hit;
  }
  return null;
};
const text = (comment) =>
  [...(comment?.summary ?? []), ...(comment?.blockTags ?? []).flatMap((t) => t.content)]
    .map((part) => part.text)
    .join('');
const pkg = project.children.find((c) => c.name === '@torchlet/tensor');
const tensor = pkg && find(pkg, (n) => n.name === 'Tensor' && n.kind === CLASS);
if (!tensor) throw new Error('docs-check: no Tensor class in the @torchlet/tensor docs');
// torchlet's own members, with nothing in PyTorch to name: explicit memory release.
const torchletOnly = new Set(['constructor', 'dispose', '[dispose]']);
const missing = tensor.children
  .filter((m) => !m.flags?.isPrivate && !torchletOnly.has(m.name))
  .filter((m) => {
    const comments = [
      m.comment,
      ...(m.signatures ?? []).map((s) => s.comment),
      m.getSignature?.comment,
      m.setSignature?.comment,
    ];
    return !/torch\.|PyTorch/.test(comments.map(text).join(' '));
  })
  .map((m) => m.name);
if (missing.length > 0) {
  console.error(
    `docs-check: these Tensor members do not name the PyTorch method they mirror ` +
      `(write e.g. "(\`torch.Tensor.add\`)" in the doc comment): ${missing.join(', ')}`,
  );
  process.exit(1);
}
console.log(`${tensor.children.length} Tensor members, each documented with its PyTorch name`);
EOF

echo "== docs step: $((SECONDS - started)) s (install, TypeDoc, checks)"
