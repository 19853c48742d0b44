import { describe, expect, it } from 'vitest';
import {
  auditPath,
  isSsoRefusal,
  localDayStart,
  type MeJson,
  regionName,
  regionsWith,
  safeReturnTo,
} from './api.js';

const me: MeJson = {
  user: { id: 'u1', email: 'a@region.se', name: 'A', language: 'sv' },
  via: 'session',
  roles: ['admin', 'kompetensmaklare', 'kommun'],
  memberships: [
    {
      organisationId: 'county:21',
      organisationType: 'region',
      organisationName: 'Gävleborgs län',
      regionId: 'county:21',
      role: 'admin',
      areas: [],
    },
    {
      organisationId: 'county:01',
      organisationType: 'region',
      organisationName: 'Stockholms län',
      regionId: 'county:01',
      role: 'kompetensmaklare',
      areas: ['area:x'],
    },
    {
      organisationId: 'municipality:2180',
      organisationType: 'municipality',
      organisationName: 'Gävle kommun',
      regionId: 'county:21',
      role: 'kommun',
      areas: [],
    },
  ],
};

describe('account web helpers', () => {
  it('accepts only same-origin paths as the target after sign-in', () => {
    expect(safeReturnTo('/admin/anvandare?region=county:21')).toBe('/admin/anvandare?region=county:21');
    expect(safeReturnTo('/konto')).toBe('/konto');
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'konto',
      '/api/me',
      '/a\u0000b',
      '/x\\y',
      '/\tevil.example',
      '',
      7,
    ]) {
      expect(safeReturnTo(bad), String(bad)).toBeUndefined();
    }
  });

  it('finds the regions where the user holds a role, and their names', () => {
    expect(regionsWith(me, ['admin'])).toEqual(['county:21']);
    expect(regionsWith(me, ['admin', 'strateg'])).toEqual(['county:21']);
    expect(regionsWith(me, ['kompetensmaklare', 'kommun'])).toEqual(['county:01', 'county:21']);
    expect(regionsWith(me, ['strateg'])).toEqual([]);
    expect(regionName(me, 'county:21')).toBe('Gävleborgs län');
    expect(regionName(me, 'county:99')).toBe('county:99');
  });

  it('asks the audit API for whole local days, "to" included', () => {
    expect(localDayStart('2026-03-05')).toBe(new Date(2026, 2, 5).toISOString());
    // The API reads `to` as exclusive: the day after is sent, across month ends too.
    expect(localDayStart('2026-03-31', 1)).toBe(new Date(2026, 3, 1).toISOString());
    const url = new URL(
      auditPath({ entity: 'area', from: '2026-03-01', to: '2026-03-31' }, 'csv'),
      'http://x',
    );
    expect(url.pathname).toBe('/api/audit');
    expect(url.searchParams.get('entity')).toBe('area');
    expect(url.searchParams.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(url.searchParams.get('to')).toBe(new Date(2026, 3, 1).toISOString());
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.has('region')).toBe(false);
    expect(auditPath({ region: 'county:21' })).toBe('/api/audit?region=county%3A21');
  });

  it('knows the SSO refusal codes the callback sends', () => {
    expect(isSsoRefusal('sso_no_account')).toBe(true);
    expect(isSsoRefusal('<script>')).toBe(false);
    expect(isSsoRefusal(undefined)).toBe(false);
  });
});
