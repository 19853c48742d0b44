import { describe, expect, it } from 'vitest';
import { centreListQueryString } from './api.js';
import { NO_DATA_COLOUR, SHARE_CLASSES, shareClass, shareColour } from './scale.js';
import {
  listSearchSchema,
  parseServiceParam,
  reachSearchSchema,
  serviceParam,
  toggleService,
} from './search.js';

describe('learning-centre URL state', () => {
  it('parses the service parameter in vocabulary order and drops unknown codes', () => {
    expect(parseServiceParam('study_places,exam_invigilation')).toEqual([
      'study_places',
      'exam_invigilation',
    ]);
    expect(parseServiceParam('exam_invigilation,study_places,nope')).toEqual([
      'study_places',
      'exam_invigilation',
    ]);
    expect(parseServiceParam(undefined)).toEqual([]);
    expect(serviceParam([])).toBeUndefined();
    expect(toggleService('exam_invigilation', 'study_places', true)).toBe('study_places,exam_invigilation');
    expect(toggleService('exam_invigilation', 'exam_invigilation', false)).toBeUndefined();
  });

  it('drops wrong values instead of failing', () => {
    expect(listSearchSchema.parse({ service: 'exam_invigilation', evenings: true, weekends: 'x' })).toEqual({
      service: 'exam_invigilation',
      evenings: true,
      weekends: undefined,
    });
    expect(reachSearchSchema.parse({ points: 'nowhere', planned: true })).toEqual({
      points: undefined,
      planned: true,
    });
  });

  it('builds the API query string for a filter', () => {
    expect(centreListQueryString({ services: [] })).toBe('');
    expect(
      centreListQueryString({
        geo: 'county:21',
        services: ['study_places', 'exam_invigilation'],
        evenings: true,
      }),
    ).toBe('?geo=county%3A21&service=study_places%2Cexam_invigilation&evenings=true');
  });
});

describe('reach colour scale', () => {
  it('puts shares in five classes with inclusive lower bounds and 1 in the last class', () => {
    expect(shareClass(0)).toBe(0);
    expect(shareClass(0.25)).toBe(1);
    expect(shareClass(0.899)).toBe(3);
    expect(shareClass(0.9)).toBe(4);
    expect(shareClass(1)).toBe(4);
    expect(shareClass(null)).toBeUndefined();
    expect(shareColour(1)).toBe(SHARE_CLASSES[4].colour);
    expect(shareColour(undefined)).toBe(NO_DATA_COLOUR);
  });
});
