import { createTestApp, TestApp } from '../support/test-app';

describe('OpenAPI for admissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('documents every route with its responses and errors', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const expected: [string, string, string[]][] = [
      ['/api/v1/admissions', 'post', ['201', '400', '409', '422']],
      ['/api/v1/stays/{id}', 'get', ['200', '404']],
      ['/api/v1/stays/{id}', 'patch', ['200', '409', '422']],
      ['/api/v1/stays/{id}/release-readiness', 'get', ['200', '404']],
      ['/api/v1/stays/{id}/screening', 'post', ['201', '400', '409', '422']],
      ['/api/v1/stays/{id}/screening', 'get', ['200']],
      ['/api/v1/stays/{id}/referrals', 'get', ['200']],
      ['/api/v1/stays/{id}/referrals', 'post', ['201', '409']],
      ['/api/v1/referrals/{id}', 'patch', ['200', '409']],
      ['/api/v1/stays/{id}/group', 'get', ['200']],
      ['/api/v1/stays/{id}/medical-screening-done', 'post', ['200', '409']],
      ['/api/v1/stays/{id}/release', 'post', ['200', '409']],
      ['/api/v1/stays/{id}/exit', 'post', ['200', '422']],
      ['/api/v1/stays/{id}/transfer', 'post', ['201', '409']],
      ['/api/v1/transfers/{id}', 'get', ['200']],
      ['/api/v1/transfers/{id}/accept', 'post', ['200', '409']],
      ['/api/v1/transfers/{id}/reject', 'post', ['200']],
      ['/api/v1/transfers/{id}/cancel', 'post', ['200']],
      ['/api/v1/centres/{id}/transfers', 'get', ['200']],
      ['/api/v1/centres/{id}/overdue-medical-screenings', 'get', ['200']],
      ['/api/v1/centres/{id}/occupancy', 'get', ['200']],
      ['/api/v1/centres/{id}/roll', 'get', ['200']],
      ['/api/v1/centres/{id}/counts', 'post', ['201', '422']],
      ['/api/v1/centres/{id}/counts', 'get', ['200']],
      ['/api/v1/persons', 'get', ['200', '400']],
      ['/api/v1/persons/{id}', 'get', ['200', '404']],
      ['/api/v1/persons/{id}', 'patch', ['200', '400', '404', '409']],
      ['/api/v1/statistics/admissions', 'get', ['200', '400']],
    ];
    for (const [path, method, codes] of expected) {
      expect({ path, method, documented: Object.keys(paths[path]?.[method]?.responses ?? {}) }).toEqual({
        path,
        method,
        documented: expect.arrayContaining(codes),
      });
    }
    const schemas = Object.keys(res.body.components.schemas);
    expect(schemas).toEqual(
      expect.arrayContaining([
        'CreateAdmissionDto',
        'StayResponseDto',
        'ScreeningResultDto',
        'TransferResponseDto',
      ]),
    );
  });
});
