// A short, bounded run of the native fuzzer (cargo fuzz: libFuzzer, needs a nightly
// toolchain) from the committed corpus. New units go to a temporary folder, so the
// committed corpus only changes on purpose (`cargo +nightly fuzz cmin parse_and_compute`).
//   FUZZ_SECONDS (default 20) bounds the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { output, root, run } from './lib.mjs';

const seconds = Number(process.env.FUZZ_SECONDS ?? 20);
if (!output('rustup', ['toolchain', 'list'])?.includes('nightly')) {
  // rustup downloads toolchains from static.rust-lang.org, which these machines cannot reach
  // (only the package registries), so setup cannot install one. Under CI a layer that cannot
  // run fails the run, with the reason; on a developer's machine it is skipped, and said so.
  const why = 'there is no nightly Rust toolchain here, and cargo fuzz needs one (rustup cannot download it without network)';
  if (process.env.CI) {
    console.error(`fuzz: FAILED: ${why}`);
    process.exit(1);
  }
  console.log(`fuzz: skipped: ${why}`);
  process.exit(0);
}
if (output('cargo', ['fuzz', '--version']) === null) run('cargo', ['install', 'cargo-fuzz']);
const scratch = mkdtempSync(join(tmpdir(), 'soei-fuzz-'));
try {
  run('cargo', ['+nightly', 'fuzz', 'run', 'parse_and_compute', scratch, join(root, 'fuzz', 'corpus', 'parse_and_compute'),
    '--', `-max_total_time=${seconds}`, '-rss_limit_mb=2048', '-print_final_stats=1']);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
