// Prints what a reader of scripts/test.sh needs from a .trx results file: each failed test with its message and the
// top of its stack. Everything else (build output, host logs, passing tests) stays in the run's log file.
// Usage: node scripts/lib/test-summary.mjs <results.trx>
import { readFileSync } from 'node:fs';

const xml = readFileSync(process.argv[2], 'utf8');
const decode = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)))
  .replace(/&amp;/g, '&');
const firstLines = (text, count) => {
  const lines = decode(text).trim().split('\n');
  return lines.slice(0, count).concat(lines.length > count ? [`... (${lines.length - count} more lines in the log)`] : []);
};

let failed = 0;
// A passing result is usually self-closing; only a result with a body runs to its closing tag.
for (const match of xml.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
  const [, attributes, body = ''] = match;
  if (!/\boutcome="Failed"/.test(attributes)) continue;
  failed++;
  const name = decode(/\btestName="([^"]*)"/.exec(attributes)?.[1] ?? '?');
  const duration = /\bduration="([^"]*)"/.exec(attributes)?.[1] ?? '';
  console.log(`FAILED ${name} (${duration})`);
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1];
  const stack = /<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(body)?.[1];
  for (const line of message ? firstLines(message, 25) : []) console.log(`    ${line}`);
  for (const line of stack ? firstLines(stack, 6) : []) console.log(`    ${line.trim()}`);
  console.log('');
}
process.exitCode = 0;
if (failed === 0 && /<ResultSummary outcome="Failed"/.test(xml)) {
  console.log('The run failed outside any single test (see the log).');
}
