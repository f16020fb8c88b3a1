import { TemplateEngine } from './evaluate';

/** The interpreter the chart tests rely on: each case is Go text/template behaviour (outputs as `helm template`). */
describe('the Go-template interpreter of the chart tests', () => {
  const run = (source: string, dot: unknown = {}) => {
    const engine = new TemplateEngine();
    return engine.tpl(source, dot);
  };

  it.each([
    ['trims around {{- and -}}', 'a  {{- "b" -}}  c', 'abc'],
    ['drops comments', 'a{{/* x */}}b{{- /* y */ -}} c', 'abc'],
    [
      'if / else if / else',
      '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}',
      'B',
    ],
    [
      'empty strings, maps and lists are false',
      '{{ if or "" (dict) (list) 0 }}T{{ else }}F{{ end }}',
      'F',
    ],
    ['and/or return an operand', '{{ or .missing "x" }}{{ and 1 "y" }}', 'xy'],
    [
      'pipelines pass the last argument',
      '{{ "abc" | upper | printf "%s-%s" "x" }}',
      'x-ABC',
    ],
    [
      'default takes the value only when not empty',
      '{{ default "d" .a }}|{{ default "d" .b }}',
      'd|v',
    ],
    [
      'variables and assignment',
      '{{ $x := "1" }}{{ if true }}{{ $x = "2" }}{{ end }}{{ $x }}',
      '2',
    ],
    [
      'range over a map in key order',
      '{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}',
      'a=1;b=2;',
    ],
    ['with rebinds dot', '{{ with .m }}{{ .b }}{{ end }}', '2'],
    ['a parenthesised call followed by a field', '{{ (dict "k" "v").k }}', 'v'],
    [
      'a space ends the call before a field',
      '{{ ternary ( get .m "a" ) .b .c }}',
      '1',
    ],
    [
      'toJson quotes what YAML would break on',
      '{{ .s | toJson }}',
      '"a,\\"b\\": #c"',
    ],
    ['len, ne and fail', '{{ if ne (len .s) 3 }}long{{ end }}', 'long'],
  ])('%s', (_, source, expected) => {
    expect(
      run(source, { b: 'v', c: true, m: { b: 2, a: 1 }, s: 'a,"b": #c' }),
    ).toBe(expected);
  });

  it('defines, include and template', () => {
    const engine = new TemplateEngine();
    engine.addFile('{{- define "n" -}}{{ .Release.Name }}-{{ .x }}{{- end -}}');
    expect(
      engine.tpl('{{ include "n" . | upper }}/{{ template "n" . }}', {
        Release: { Name: 'r' },
        x: 'y',
      }),
    ).toBe('R-Y/r-y');
  });

  it('fail stops with the message', () => {
    expect(() => run('{{ fail "no" }}')).toThrow('chart fail: no');
  });
});
