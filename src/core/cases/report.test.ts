import { describe, expect, it } from 'vitest';
import { needsReport } from './report.js';

describe('area report', () => {
  it('counts needs by occupation, cases by status, median days and the share answered in time', () => {
    const report = needsReport(
      {
        needs: [
          { id: 'n1', employerId: 'e1', people: 3, ssyk: ['7212'] },
          { id: 'n2', employerId: 'e2', people: 2, ssyk: ['7212', '5321'] },
          { id: 'n3', employerId: 'e1', people: 1, ssyk: ['5321'] },
          { id: 'n4', employerId: 'e3', people: 1, ssyk: ['5321'] },
        ],
        cases: [
          {
            needId: 'n1',
            status: 'feedback_given',
            openedOn: '2026-04-02',
            deadline: '2026-04-20',
            feedbackOn: '2026-04-10',
          },
          {
            needId: 'n2',
            status: 'closed',
            openedOn: '2026-05-04',
            deadline: '2026-05-18',
            feedbackOn: '2026-05-25',
          },
          {
            needId: 'n3',
            status: 'dialogue',
            openedOn: '2026-06-01',
            deadline: '2026-06-15',
            feedbackOn: null,
          },
          {
            needId: 'n4',
            status: 'withdrawn',
            openedOn: '2026-06-01',
            deadline: '2026-06-15',
            feedbackOn: null,
          },
        ],
        solutionKinds: ['validation', 'validation', 'not_education'],
        fieldOf: (s) => (s === '7212' ? 'Tillverkning' : 'Hälso- och sjukvård'),
      },
      '2026-07-01',
    );
    expect(report.byOccupation).toEqual([
      { ssyk: '7212', field: 'Tillverkning', needs: 2, employers: 2, people: 5 },
      { ssyk: '5321', field: 'Hälso- och sjukvård', needs: 3, employers: 3, people: 4 },
    ]);
    expect(report).toMatchObject({
      needs: 4,
      employers: 3,
      medianDaysToFeedback: 14.5,
      due: 3,
      answeredInTime: 1,
    });
    expect(report.shareInTime).toBeCloseTo(1 / 3);
    expect(report.byStatus).toMatchObject({
      feedback_given: 1,
      closed: 1,
      dialogue: 1,
      withdrawn: 1,
      new: 0,
    });
    expect(report.solutionsByKind).toMatchObject({ validation: 2, not_education: 1, learning_centre: 0 });
  });

  it('has no median or share without answered or due cases', () => {
    const empty = needsReport({ needs: [], cases: [], solutionKinds: [], fieldOf: () => null }, '2026-07-01');
    expect(empty).toMatchObject({ medianDaysToFeedback: null, shareInTime: null, due: 0 });
  });
});
