// Reading a Helm template without rendering it: values substituted, branches chosen by values, and what
// cannot be resolved left out and said, never a throw, on any text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { helmChart, renderTemplate } from '../../../src/core/discover/helm';

const chart = helmChart('charts/api', 'replicaCount: 2\nimage:\n  repository: ghcr.io/acme/api\npersistence:\n  enabled: false\n  modes: [ReadWriteMany]\nname: ""\n', 'name: api\nappVersion: "1.2.0"\n');
const render = (text: string) => renderTemplate(text, chart);

describe('renderTemplate', () => {
  test('values, pipes and Chart fields are filled in; lines keep their numbers', () => {
    const r = render('replicas: {{ .Values.replicaCount }}\nimage: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\nname: {{ .Values.name | default "api" | quote }}\nmodes:\n  {{- toYaml .Values.persistence.modes | nindent 2 }}\n');
    assert.equal(r.text, 'replicas: 2\nimage: "ghcr.io/acme/api:1.2.0"\nname: "api"\nmodes:\n  ["ReadWriteMany"]\n');
    assert.deepEqual(r.skipped, []);
  });

  test('if/else on a value keeps the branch it chooses; an unknown condition keeps both', () => {
    const text = 'a:\n{{- if .Values.persistence.enabled }}\n  claim: x\n{{- else }}\n  emptyDir: {}\n{{- end }}\n{{- if .Values.unknown.deep }}\nb: 1\n{{- else }}\nb: 2\n{{- end }}\n';
    assert.equal(render(text).text, 'a:\n\n\n\n  emptyDir: {}\n\n\nb: 1\n\nb: 2\n\n');
  });

  test('include, .Release, range items and inherited properties are left out and listed', () => {
    const r = render('name: {{ include "api.fullname" . }}\nrelease: {{ .Release.Name }}\n{{- range .Values.extra }}\n- {{ .name }}\n{{- end }}\nx: {{ .Values.constructor }}\n');
    assert.equal(r.text, '\n\n\n\n\n\n');
    assert.deepEqual(r.skipped, ['line 1: `{{ include "api.fullname" . }}`', 'line 2: `{{ .Release.Name }}`', 'line 4: `{{ .name }}`', 'line 6: `{{ .Values.constructor }}`']);
  });

  test('any text of template pieces renders without a throw, line for line', () => {
    const pieces = ['{{', '}}', '{{-', '-}}', ' ', '\n', 'if', 'else', 'end', 'range', '.Values.replicaCount', '.Values', '|', 'quote', 'toYaml', 'nindent 4', 'default', '"x"', ':', 'kind', '(', ')'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')), (text) => {
      const r = render(text);
      assert.equal(r.text.split('\n').length, text.split(/\r?\n/).length);
    }));
  });

  test('20,000 unclosed {{ and a line of 5,000 of them: each line left out, quickly', () => {
    const r = render(`kind: Deployment\n${'{{\n'.repeat(20_000)}${'{{'.repeat(5_000)}\n`);
    assert.equal(r.skipped.length, 20_001);
    assert.equal(r.text.split('\n').length, 20_003);
  });
});
