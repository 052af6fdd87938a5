// package.json as the Marketplace and VS Code read it: every contribution backed by code, nothing that slows start-up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const commandsSource = fs.readFileSync(path.join(root, 'src/extension/commands.ts'), 'utf8');
const settingsSource = fs.readFileSync(path.join(root, 'src/server/settings.ts'), 'utf8');

test('Marketplace fields, and an engine no higher than VS Code 1.100', () => {
  for (const k of ['publisher', 'displayName', 'description', 'icon', 'repository', 'categories', 'keywords', 'license']) assert.ok(pkg[k], k);
  assert.ok(fs.existsSync(path.join(root, pkg.icon)));
  assert.match(pkg.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/);
  assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0', '@types/vscode must not be newer than engines.vscode');
  assert.equal(pkg.main, 'dist/extension.js');
});

test('activation never slows start-up: no `*`, no onStartupFinished', () => {
  for (const e of pkg.activationEvents) assert.doesNotMatch(e, /^\*$|onStartupFinished|workspaceContains:\*\*/);
  assert.ok(pkg.activationEvents.includes('onLanguage:typescript'));
});

test('the thirteen commands under "State Map", each with a factory; untrusted workspaces and the config schema declared', () => {
  const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
  assert.deepEqual(titles, {
    'stateMap.show': 'Show State Map', 'stateMap.refresh': 'Refresh', 'stateMap.cancelIndexing': 'Cancel Indexing',
    'stateMap.exportMarkdown': 'Export as Markdown', 'stateMap.exportSvg': 'Export as SVG', 'stateMap.openConfiguration': 'Open Configuration',
    'stateMap.showOutput': 'Show Output', 'stateMap.restartServer': 'Restart Server', 'stateMap.showInMap': 'Show in State Map',
    'stateMap.status': 'Analysis Status', 'stateMap.showToSide': 'Show State Map to the Side', 'stateMap.openInCode': 'Open in Code',
    'stateMap.compareWithBranch': 'Compare with Branch…',
  });
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'State Map');
    assert.match(commandsSource, new RegExp(`export function ${c.command.replace('stateMap.', '')}\\(ctx: Ctx\\)`), `${c.command} has a factory`);
  }
  assert.ok(pkg.contributes.menus['editor/title'].some((m: { command: string }) => m.command === 'stateMap.show'));
  assert.ok(pkg.contributes.menus['explorer/context'].some((m: { command: string }) => m.command === 'stateMap.show'));
  // Compare with Branch… is in the palette (not hidden there) and in the State Map view's title bar
  assert.ok(!pkg.contributes.menus.commandPalette.some((m: { command: string }) => m.command === 'stateMap.compareWithBranch'));
  assert.ok(pkg.contributes.menus['view/title'].some((m: { command: string; when: string }) => m.command === 'stateMap.compareWithBranch' && m.when === 'view == stateMap.tree'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  const schema = pkg.contributes.jsonValidation.find((j: { fileMatch: string }) => j.fileMatch === 'statemap.config.json');
  assert.equal(schema.url, './dist/statemap.config.schema.json');
});

test('settings: the server reads each analysis setting; the ones that start a process cannot come from a workspace', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of ['include', 'exclude', 'maxFileSize', 'includeTests', 'showEnvironment', 'layout', 'hover', 'codeLens', 'claimSeverity', 'hazardSeverity']) {
    assert.ok(Object.keys(props).some((p) => p.split('.').includes(key)), `stateMap.*${key} contributed`);
    assert.match(settingsSource, new RegExp(`\\b${key}\\b`), `${key} read by the server`);
  }
  assert.equal(props['stateMap.server.path'].scope, 'machine');
  assert.equal(props['stateMap.server.extraArgs'].scope, 'machine');
});

test('the .vsix holds bundles, media and the license only', () => {
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(ignore[0], '**');
  assert.deepEqual(ignore.filter((l) => l.startsWith('!')).sort(), [
    '!CHANGELOG.md', '!LICENSE', '!README.md', '!dist/extension.js', '!dist/server-bundle.js', '!dist/server.js', '!dist/statemap.config.schema.json',
    '!media/dist/elk.js', '!media/dist/webview.js', '!media/icon.png', '!media/panel.css', '!package.json', '!resources/activitybar.svg',
  ]);
});

test('the tree view: its own view container with an icon that ships, and every menu entry a contributed command', () => {
  const [container] = pkg.contributes.viewsContainers.activitybar;
  assert.ok(fs.existsSync(path.join(root, container.icon)), container.icon);
  assert.deepEqual(pkg.contributes.views[container.id].map((v: { id: string }) => v.id), ['stateMap.tree']);
  const ids = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string; group?: string }>>)) {
    for (const e of entries) assert.ok(ids.has(e.command), `${menu}: ${e.command}`);
  }
  const inline = pkg.contributes.menus['view/item/context'].filter((m: { group?: string }) => m.group?.startsWith('inline'));
  assert.deepEqual(inline.map((m: { command: string }) => m.command), ['stateMap.openInCode', 'stateMap.showInMap']);
  for (const m of inline) assert.ok(pkg.contributes.commands.find((c: { command: string; icon?: string }) => c.command === m.command).icon, `${m.command} has an icon`);
});
