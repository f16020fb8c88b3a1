import { useEffect, useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  TextField,
} from '@material-ui/core';
import {
  SEVERITIES,
  type Severity,
} from '@backstage-harbor/plugin-harbor-common';
import type { FleetParams } from './fleetParams';

const FILTER_SEVERITIES = SEVERITIES.filter(
  s => s !== 'None' && s !== 'Unknown',
) as Severity[];

function scoreField(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

function ScoreField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      type="number"
      size="small"
      variant="outlined"
      inputProps={{ min: 0, max: 10, step: 0.1 }}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ width: 120 }}
    />
  );
}

function FixField(props: {
  fixable?: boolean;
  onChange: (fixable: boolean | undefined) => void;
}) {
  return (
    <TextField
      id="harbor-fleet-fixable"
      select
      label="Fix"
      size="small"
      variant="outlined"
      value={props.fixable === undefined ? 'any' : String(props.fixable)}
      onChange={e =>
        props.onChange(
          e.target.value === 'any' ? undefined : e.target.value === 'true',
        )
      }
      style={{ width: 170 }}
    >
      <MenuItem value="any">Any</MenuItem>
      <MenuItem value="true">Fix available</MenuItem>
      <MenuItem value="false">No fix yet</MenuItem>
    </TextField>
  );
}

function SeverityFilter(props: {
  selected: Severity[];
  onChange: (severities: Severity[]) => void;
}) {
  const { selected, onChange } = props;
  const toggle = (severity: Severity) =>
    onChange(
      selected.includes(severity)
        ? selected.filter(s => s !== severity)
        : [...selected, severity],
    );
  return (
    <Box mt={1} display="flex" flexWrap="wrap">
      {FILTER_SEVERITIES.map(severity => (
        <FormControlLabel
          key={severity}
          control={
            <Checkbox
              checked={selected.includes(severity)}
              onChange={() => toggle(severity)}
              color="primary"
            />
          }
          label={severity}
        />
      ))}
    </Box>
  );
}

/** The search box (a CVE id or a package) and the filters; the term and CVSS range apply on submit. */
export function FleetSearchForm(props: {
  params: FleetParams;
  onSearch: (changes: Partial<FleetParams>) => void;
}) {
  const { params, onSearch } = props;
  const [term, setTerm] = useState(params.term);
  const [cvssMin, setCvssMin] = useState(params.cvssMin?.toString() ?? '');
  const [cvssMax, setCvssMax] = useState(params.cvssMax?.toString() ?? '');
  // The URL may change under the form (back button, a dangerous CVE clicked in the summary).
  useEffect(() => setTerm(params.term), [params.term]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({
      term: term.trim(),
      cvssMin: scoreField(cvssMin),
      cvssMax: scoreField(cvssMax),
    });
  };

  return (
    <Box
      component="form"
      onSubmit={submit}
      role="search"
      aria-label="Fleet vulnerability search"
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <TextField
          id="harbor-fleet-term"
          label="CVE id or package"
          placeholder="CVE-2021-44228 or openssl"
          variant="outlined"
          size="small"
          value={term}
          onChange={e => setTerm(e.target.value)}
          style={{ minWidth: 320 }}
        />
        <ScoreField
          id="harbor-fleet-cvss-min"
          label="CVSS from"
          value={cvssMin}
          onChange={setCvssMin}
        />
        <ScoreField
          id="harbor-fleet-cvss-max"
          label="CVSS to"
          value={cvssMax}
          onChange={setCvssMax}
        />
        <FixField
          fixable={params.fixable}
          onChange={fixable => onSearch({ fixable })}
        />
        <Button type="submit" variant="contained" color="primary">
          Search
        </Button>
      </Box>
      <SeverityFilter
        selected={params.severities}
        onChange={severities => onSearch({ severities })}
      />
    </Box>
  );
}
