import { createTheme } from '@material-ui/core/styles';
import { lightTheme, darkTheme } from '@backstage/theme';
import { SEVERITIES } from '@backstage-harbor/plugin-harbor-common';
import {
  scanStatusDisplay,
  severityColor,
  severityStroke,
} from './severityColors';

describe('severityColor', () => {
  it("uses the theme's error colour for Critical and warning colour for High", () => {
    expect(severityColor(lightTheme, 'Critical').background).toBe(
      lightTheme.palette.status.error,
    );
    expect(severityColor(lightTheme, 'High').background).toBe(
      lightTheme.palette.status.warning,
    );
    expect(severityStroke(darkTheme, 'Critical')).toBe(
      darkTheme.palette.status.error,
    );
  });

  it('follows the dark theme', () => {
    expect(severityColor(darkTheme, 'Critical').background).toBe(
      darkTheme.palette.status.error,
    );
    expect(severityColor(darkTheme, 'Critical').background).not.toBe(
      severityColor(lightTheme, 'Critical').background,
    );
  });

  it('gives every severity a colour and a readable text colour', () => {
    for (const severity of SEVERITIES) {
      const { background, color } = severityColor(lightTheme, severity);
      expect(background).toMatch(/^#/);
      expect(color).toBe(lightTheme.palette.getContrastText(background));
    }
  });

  it('tells the four worst severities apart', () => {
    const colours = (['Critical', 'High', 'Medium', 'Low'] as const).map(
      s => severityColor(lightTheme, s).background,
    );
    expect(new Set(colours).size).toBe(4);
  });

  it('works with a theme built by createTheme from the Backstage palette', () => {
    const theme = createTheme({ palette: lightTheme.palette });
    expect(severityColor(theme, 'Low').background).toBe(
      lightTheme.palette.status.running,
    );
  });
});

describe('scanStatusDisplay', () => {
  it('never shows an unscanned artifact as clean', () => {
    const display = scanStatusDisplay('not-scanned');
    expect(display.label).toBe('Not scanned');
    expect(display.indicator).not.toBe('ok');
    expect(display.description).toMatch(/not the same as no vulnerabilities/);
  });

  it('shows a failed scan as an error', () => {
    expect(scanStatusDisplay('error')).toMatchObject({
      label: 'Scan failed',
      indicator: 'error',
    });
  });

  it('shows running and queued scans as in progress', () => {
    expect(scanStatusDisplay('scanning').indicator).toBe('running');
    expect(scanStatusDisplay('queued').indicator).toBe('pending');
  });
});
